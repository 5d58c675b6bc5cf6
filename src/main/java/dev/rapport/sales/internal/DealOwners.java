package dev.rapport.sales.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;

/** The names and initials of the owners shown on deal cards and rows. */
@Component
class DealOwners {

	private final Users users;

	DealOwners(Users users) {
		this.users = users;
	}

	/**
	 * The display names of these users, by id (every active user, and the others asked).
	 */
	Map<UUID, String> names(Collection<UUID> ids) {
		Map<UUID, String> names = new HashMap<>();
		for (UserView user : this.users.active()) {
			names.put(user.id(), user.displayName());
		}
		for (UUID id : ids) {
			if (!names.containsKey(id)) {
				this.users.find(id).ifPresent((u) -> names.put(u.id(), u.displayName()));
			}
		}
		return names;
	}

	/**
	 * The first letters of the first and last word of a name: "Ana María López" → "AL".
	 */
	static String initials(String name) {
		String[] words = name.strip().split("\\s+");
		if (words.length == 0 || words[0].isEmpty()) {
			return "?";
		}
		String first = words[0].substring(0, words[0].offsetByCodePoints(0, 1));
		if (words.length == 1) {
			return first.toUpperCase(Locale.ROOT);
		}
		String lastWord = words[words.length - 1];
		return (first + lastWord.substring(0, lastWord.offsetByCodePoints(0, 1))).toUpperCase(Locale.ROOT);
	}

}
