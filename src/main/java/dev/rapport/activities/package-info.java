/**
 * The working day: tasks, calls, meetings and notes, their reminders, the calendar and
 * its private iCalendar feed, and the "my day" feed that tells each person what to do
 * next and why.
 */
@ApplicationModule(
		allowedDependencies = { "platform", "identity", "customization", "customers", "customers::timeline", "sales" })
@NullMarked
package dev.rapport.activities;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
