/**
 * The customer timeline as other modules write to it: each module records its own things
 * (a purchase, a deal, a task) on the person's or company's timeline, and removes them.
 */
@NamedInterface("timeline")
@NullMarked
package dev.rapport.customers.timeline;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
