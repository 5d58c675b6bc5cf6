package dev.rapport.activities.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.rapport.customers.PersonDeceased;

/**
 * Drops the plans for a person who died: their open tasks, calls and meetings are
 * canceled in the same transaction that records the death.
 */
@Component
class EndOfLifeListener {

	private final ActivityService activities;

	EndOfLifeListener(ActivityService activities) {
		this.activities = activities;
	}

	@EventListener
	void on(PersonDeceased event) {
		this.activities.cancelOpenAbout(event.personId());
	}

}
