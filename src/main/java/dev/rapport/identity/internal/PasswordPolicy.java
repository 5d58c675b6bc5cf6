package dev.rapport.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.rapport.platform.BusinessRuleException;

/**
 * What makes a password acceptable: long enough, not absurdly long, not the e-mail or its
 * name part, and not one of the passwords attackers try first.
 */
@Component
public class PasswordPolicy {

	private final int minLength;

	private final int maxLength;

	private final Set<String> common;

	PasswordPolicy(IdentityProperties properties) {
		this.minLength = properties.password().minLength();
		this.maxLength = properties.password().maxLength();
		this.common = load("identity/common-passwords.txt");
	}

	/**
	 * Throws a {@link BusinessRuleException} naming {@code field} when the password is
	 * weak.
	 */
	public void check(String field, String password, String email) {
		if (password.length() < this.minLength) {
			throw new BusinessRuleException(field, "password.too-short", this.minLength);
		}
		if (password.length() > this.maxLength) {
			throw new BusinessRuleException(field, "password.too-long", this.maxLength);
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String mail = email.toLowerCase(Locale.ROOT);
		int at = mail.indexOf('@');
		String name = (at > 0) ? mail.substring(0, at) : mail;
		if (lower.contains(mail) || (name.length() >= 3 && lower.contains(name))) {
			throw new BusinessRuleException(field, "password.contains-email");
		}
		if (this.common.contains(lower) || this.common.contains(lower.replaceAll("[0-9!@#$%^&*.]+$", ""))) {
			throw new BusinessRuleException(field, "password.common");
		}
	}

	private static Set<String> load(String path) {
		Set<String> words = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach((line) -> words.add(line.toLowerCase(Locale.ROOT)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + path, ex);
		}
		return words;
	}

}
