package dev.rapport.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.customers.ContactInput.AddressInput;
import dev.rapport.customers.ContactInput.EmailInput;
import dev.rapport.customers.ContactInput.PhoneInput;
import dev.rapport.customers.Customers;
import dev.rapport.customers.InteractionInput;
import dev.rapport.customers.LifecycleStage;
import dev.rapport.customers.PersonChange;
import dev.rapport.customers.PersonView;
import dev.rapport.customization.Templates;
import dev.rapport.identity.UserView;
import dev.rapport.identity.Users;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.sales.TransactionInput;
import dev.rapport.sales.Transactions;

/**
 * Fills a workspace with generated customers through the same services the UI and the API
 * use, so that every rule, index and timeline entry is as real as it gets: N people
 * (Dutch, Spanish, Chinese, Persian and Arabic names), N/10 companies, fitness-club
 * custom values, interactions and purchases. The same seed gives the same data.
 */
@Service
public class DemoData {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final int BATCH = 200;

	/** Up to this many people, everyone gets some interactions and purchases. */
	static final int HISTORY_LIMIT = 20_000;

	/** The tag of the people with a long history, so that benchmarks find them. */
	public static final String HEAVY_TAG = "Long history";

	private final Customers customers;

	private final Transactions transactions;

	private final Templates templates;

	private final Users users;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DemoData(Customers customers, Transactions transactions, Templates templates, Users users,
			TransactionTemplate transaction, Clock clock) {
		this.customers = customers;
		this.transactions = transactions;
		this.templates = templates;
		this.users = users;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** What was generated. */
	public record Generated(int people, int companies, int interactions, int purchases, long millis) {
	}

	/**
	 * Generates data in a workspace as one of its users (an administrator, so that every
	 * active user can own records). The fitness-club template is applied first.
	 * @param heavy how many people get a long history (200 timeline entries)
	 */
	public Generated generate(UUID workspaceId, UUID actingUserId, int peopleCount, int heavy, long seed) {
		long start = System.nanoTime();
		Actor actor = new Actor(workspaceId, actingUserId);
		Random random = new Random(seed);
		Actors.runAs(actor, () -> this.transaction
			.executeWithoutResult((status) -> this.templates.apply("fitness-club", Locale.ENGLISH)));
		List<UUID> owners = Actors.callAs(actor, () -> this.users.active().stream().map(UserView::id).toList());
		int companyCount = Math.max(1, peopleCount / 10);
		List<UUID> companyIds = new ArrayList<>(companyCount);
		for (int done = 0; done < companyCount; done += BATCH) {
			int size = Math.min(BATCH, companyCount - done);
			companyIds.addAll(Actors.callAs(actor, () -> this.transaction.execute((status) -> {
				List<UUID> ids = new ArrayList<>();
				for (int i = 0; i < size; i++) {
					ids.add(this.customers.createCompany(Names.company(random, owners)).id());
				}
				return ids;
			})));
		}
		int[] counts = new int[3];
		// Above demo size only the heavy people get a history: the rest go in one batch
		// per 200.
		boolean histories = peopleCount <= HISTORY_LIMIT;
		for (int done = 0; done < peopleCount; done += BATCH) {
			int size = Math.min(BATCH, peopleCount - done);
			int offset = done;
			Actors.runAs(actor, () -> this.transaction.executeWithoutResult((status) -> {
				List<PersonChange> plain = new ArrayList<>();
				List<LifecycleStage> stages = new ArrayList<>();
				for (int i = 0; i < size; i++) {
					boolean isHeavy = offset + i < heavy;
					if (isHeavy || histories) {
						generatePerson(random, owners, companyIds, isHeavy, counts);
					}
					else {
						plain.add(change(random, owners, companyIds, false, counts));
						stages.add(stage(random));
					}
				}
				// People of one batch share the stage of their first: enough variety for
				// lists and filters.
				if (!plain.isEmpty()) {
					this.customers.createPeople(plain, stages.get(0));
				}
			}));
			if ((done / BATCH) % 50 == 0) {
				log.info("Generated {} of {} people", done + size, peopleCount);
			}
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Generated {} people, {} companies, {} interactions and {} purchases in {} ms", peopleCount,
				companyCount, counts[1], counts[2], millis);
		return new Generated(peopleCount, companyCount, counts[1], counts[2], millis);
	}

	private void generatePerson(Random random, List<UUID> owners, List<UUID> companyIds, boolean heavy, int[] counts) {
		PersonView person = this.customers.createPerson(change(random, owners, companyIds, heavy, counts),
				stage(random));
		history(random, person, heavy, counts);
	}

	private static LifecycleStage stage(Random random) {
		return LifecycleStage.values()[weighted(random, 35, 20, 30, 10, 5)];
	}

	private PersonChange change(Random random, List<UUID> owners, List<UUID> companyIds, boolean heavy, int[] counts) {
		Names.Person name = Names.person(random);
		UUID owner = owners.get(random.nextInt(owners.size()));
		UUID company = (random.nextInt(10) < 7) ? companyIds.get(random.nextInt(companyIds.size())) : null;
		LocalDate end = LocalDate.now(this.clock).plusDays(random.nextInt(400) - 30);
		Map<String, Object> custom = Map.of("membership_type",
				List.of("trial", "monthly", "yearly", "class_card").get(random.nextInt(4)), "membership_end",
				end.toString(), "visits_per_month", random.nextInt(25), "home_club",
				List.of("Noord", "Centrum", "Zuid", "Oost").get(random.nextInt(4)));
		counts[0]++;
		return new PersonChange(name.given(), name.family(), null,
				List.of(new EmailInput(name.email(counts[0]), "home", true)),
				List.of(new PhoneInput(name.phone(random), "mobile", true)),
				(random.nextInt(3) == 0)
						? List
							.of(new AddressInput("home", name.street(random), null, name.city(), null, name.country()))
						: List.of(),
				(random.nextInt(4) == 0)
						? LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28))
						: null,
				null, company, List.of("Website", "Walk-in", "Referral", "Instagram").get(random.nextInt(4)), owner,
				null, heavy ? List.of(HEAVY_TAG) : (random.nextInt(5) == 0) ? List.of("Personal training") : List.of(),
				null, null, custom);
	}

	private void history(Random random, PersonView person, boolean heavy, int[] counts) {
		int interactionCount = heavy ? 150 : random.nextInt(3);
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		for (int i = 0; i < interactionCount; i++) {
			this.customers.logInteraction(person.id(),
					new InteractionInput(List.of("call", "email", "visit", "chat").get(random.nextInt(4)),
							random.nextBoolean() ? "inbound" : "outbound", now.minusHours(random.nextInt(24 * 365)),
							60 + random.nextInt(900), "Reached",
							"Talked about the " + List.of("schedule", "price", "new classes").get(random.nextInt(3)),
							null));
			counts[1]++;
		}
		int purchaseCount = heavy ? 49 : random.nextInt(3);
		for (int i = 0; i < purchaseCount; i++) {
			this.transactions.record(new TransactionInput(person.id(), null, "purchase",
					LocalDate.now(this.clock).minusDays(random.nextInt(700)),
					BigDecimal.valueOf(10 + random.nextInt(600))
						.add(BigDecimal.valueOf(random.nextInt(100), 2))
						.setScale(2, RoundingMode.HALF_EVEN),
					"EUR",
					List.of("10-class card", "Monthly membership", "Yearly pass", "Protein bar").get(random.nextInt(4)),
					null, "front desk"));
			counts[2]++;
		}
	}

	private static int weighted(Random random, int... weights) {
		int total = 0;
		for (int w : weights) {
			total += w;
		}
		int pick = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			pick -= weights[i];
			if (pick < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

}
