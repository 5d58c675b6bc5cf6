package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_PAIR;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record5;

import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.platform.WorkspaceScope;

/**
 * The pairs already stored for a kind when a scan starts, held compactly by the indexes
 * of their records: whether open, their score and level, and whether the scan found them
 * again.
 */
final class ScanPairs {

	private static final int FETCH = 10_000;

	private long[] keys = new long[1024];

	private int[] scores = new int[1024];

	/** Bit 0: open; bit 1: likely; bit 2: found again. */
	private byte[] flags = new byte[1024];

	private int size;

	/** Open pairs of records no longer among the scan's (in the trash). */
	private final List<UUID[]> orphans = new ArrayList<>();

	private final ScanProfiles profiles;

	private ScanPairs(ScanProfiles profiles) {
		this.profiles = profiles;
	}

	static ScanPairs read(DSLContext dsl, TransactionTemplate transactions, String code, ScanProfiles profiles) {
		ScanPairs pairs = new ScanPairs(profiles);
		transactions.executeWithoutResult((status) -> {
			try (Cursor<Record5<UUID, UUID, String, BigDecimal, String>> cursor = dsl
				.select(DUPLICATE_PAIR.RECORD_A, DUPLICATE_PAIR.RECORD_B, DUPLICATE_PAIR.STATUS, DUPLICATE_PAIR.SCORE,
						DUPLICATE_PAIR.LEVEL)
				.from(DUPLICATE_PAIR)
				.where(WorkspaceScope.of(DUPLICATE_PAIR.WORKSPACE_ID))
				.and(DUPLICATE_PAIR.KIND.eq(code))
				.fetchSize(FETCH)
				.fetchLazy()) {
				for (var row : cursor) {
					pairs.add(row.value1(), row.value2(), DuplicatePairs.OPEN.equals(row.value3()),
							row.value4().movePointRight(3).intValue(), "likely".equals(row.value5()));
				}
			}
		});
		pairs.sort();
		return pairs;
	}

	private void add(UUID a, UUID b, boolean open, int score, boolean likely) {
		int x = this.profiles.index(a);
		int y = this.profiles.index(b);
		if (x < 0 || y < 0) {
			if (open) {
				this.orphans.add(new UUID[] { a, b });
			}
			return;
		}
		if (this.size == this.keys.length) {
			this.keys = Arrays.copyOf(this.keys, this.size * 2);
			this.scores = Arrays.copyOf(this.scores, this.size * 2);
			this.flags = Arrays.copyOf(this.flags, this.size * 2);
		}
		this.keys[this.size] = key(Math.min(x, y), Math.max(x, y));
		this.scores[this.size] = score;
		this.flags[this.size] = (byte) ((open ? 1 : 0) | (likely ? 2 : 0));
		this.size++;
	}

	private void sort() {
		Integer[] order = new Integer[this.size];
		for (int i = 0; i < this.size; i++) {
			order[i] = i;
		}
		long[] k = this.keys;
		Arrays.sort(order, (i, j) -> Long.compare(k[i], k[j]));
		long[] keys = new long[this.size];
		int[] scores = new int[this.size];
		byte[] flags = new byte[this.size];
		for (int i = 0; i < this.size; i++) {
			keys[i] = this.keys[order[i]];
			scores[i] = this.scores[order[i]];
			flags[i] = this.flags[order[i]];
		}
		this.keys = keys;
		this.scores = scores;
		this.flags = flags;
	}

	private static long key(int x, int y) {
		return ((long) x << 32) | (y & 0xFFFFFFFFL);
	}

	/** Where the pair of these indexes (the lower first) is, or -1. */
	int find(int x, int y) {
		int at = Arrays.binarySearch(this.keys, 0, this.size, key(x, y));
		return (at >= 0) ? at : -1;
	}

	boolean open(int at) {
		return (this.flags[at] & 1) != 0;
	}

	int score(int at) {
		return this.scores[at];
	}

	String level(int at) {
		return ((this.flags[at] & 2) != 0) ? "likely" : "possible";
	}

	void confirm(int at) {
		this.flags[at] |= 4;
	}

	/** The open pairs not found again, as stored (record a, record b). */
	List<UUID[]> unconfirmed() {
		List<UUID[]> gone = new ArrayList<>(this.orphans);
		for (int i = 0; i < this.size; i++) {
			if ((this.flags[i] & 5) == 1) {
				gone.add(DuplicatePairs.ordered(this.profiles.id((int) (this.keys[i] >>> 32)),
						this.profiles.id((int) this.keys[i])));
			}
		}
		return gone;
	}

}
