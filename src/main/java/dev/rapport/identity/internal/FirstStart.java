package dev.rapport.identity.internal;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.rapport.identity.WorkspaceSetup.Opened;
import dev.rapport.identity.WorkspaceSetup;
import dev.rapport.platform.BusinessRuleException;
import dev.rapport.platform.Workspaces;

/**
 * On the very first start, opens the default workspace with an administrator. Every later
 * start finds it and does nothing, so restarts never make a second administrator.
 */
@Component
@org.springframework.core.annotation.Order(0)
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private final Workspaces workspaces;

	private final WorkspaceSetup setup;

	private final IdentityProperties properties;

	private final MessageSource messages;

	private final Environment environment;

	FirstStart(Workspaces workspaces, WorkspaceSetup setup, IdentityProperties properties, MessageSource messages,
			Environment environment) {
		this.workspaces = workspaces;
		this.setup = setup;
		this.properties = properties;
		this.messages = messages;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.workspaces.findBySlug(Workspaces.DEFAULT_SLUG).isPresent()) {
			return;
		}
		IdentityProperties.Admin admin = this.properties.admin();
		Opened opened;
		try {
			opened = this.setup.open(Workspaces.DEFAULT_SLUG, admin.workspaceName(), admin.email(), admin.name(),
					admin.password(), Locale.ENGLISH, "UTC");
		}
		catch (DuplicateKeyException | org.jooq.exception.IntegrityConstraintViolationException ex) {
			log.info("Another node opened the default workspace at the same moment");
			return;
		}
		catch (BusinessRuleException ex) {
			String reason = this.messages.getMessage(ex.messageKey(), ex.arguments(), Locale.ENGLISH);
			String setting = "password".equals(ex.field()) ? "RAPPORT_ADMIN_PASSWORD" : "RAPPORT_ADMIN_EMAIL";
			throw new IllegalStateException("Cannot create the first administrator: " + setting + " is not acceptable. "
					+ reason + " Change it, or leave RAPPORT_ADMIN_PASSWORD empty to get a generated one.");
		}
		String address = "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
		if (opened.generatedPassword() != null) {
			log.warn("""

					==================================================================
					 Rapport first start: administrator created
					   e-mail:   {}
					   password: {}
					 Sign in at {} and choose a new password.
					 This password is shown once and never again.
					==================================================================""", admin.email(),
					opened.generatedPassword(), address);
		}
		else {
			log.info("Rapport first start: administrator {} created with the configured password", admin.email());
		}
	}

}
