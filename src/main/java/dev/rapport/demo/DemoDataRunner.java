package dev.rapport.demo;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.rapport.customers.Customers;
import dev.rapport.identity.WorkspaceSetup;

/**
 * Generates demo data on start when {@code rapport.demo.people} (environment
 * {@code RAPPORT_DEMO_PEOPLE}) is set and the first workspace has no people yet: start
 * Rapport with {@code RAPPORT_DEMO_PEOPLE=500} to look around in a filled CRM.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "rapport.demo.people")
class DemoDataRunner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

	private final DemoData demo;

	private final WorkspaceSetup setup;

	private final Customers customers;

	private final DemoProperties properties;

	DemoDataRunner(DemoData demo, WorkspaceSetup setup, Customers customers, DemoProperties properties) {
		this.demo = demo;
		this.setup = setup;
		this.customers = customers;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.properties.people() <= 0) {
			return;
		}
		var first = this.setup.defaultWorkspace();
		if (first.isEmpty()) {
			log.warn("No workspace to fill with demo data");
			return;
		}
		UUID workspace = first.get().workspaceId();
		UUID admin = first.get().administratorId();
		if (dev.rapport.platform.Actors.callAs(new dev.rapport.platform.Actor(workspace, admin),
				this.customers::anyPeople)) {
			log.info("The workspace already has people: no demo data generated");
			return;
		}
		log.info("Generating demo data: {} people", this.properties.people());
		this.demo.generate(workspace, admin, this.properties.people(), this.properties.heavy(), this.properties.seed());
	}

}
