package dev.rapport.dataquality.internal;

import static dev.rapport.dataquality.internal.db.Tables.DUPLICATE_KEY;

import java.util.Arrays;
import java.util.BitSet;
import java.util.UUID;

import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record2;

import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.dataquality.internal.matching.Matcher;
import dev.rapport.platform.WorkspaceScope;

/**
 * The blocks of a scan: the records sharing each key, read once in key order, as indexes
 * of the scan's profiles; keys of one record only or over their cap are left out. Each
 * record also knows its blocks in order, so that a pair sharing several keys is compared
 * in the first only.
 */
final class ScanBlocks {

	private static final int FETCH = 10_000;

	private final int[] members;

	/** Where each block starts in {@link #members}, and one more for the end. */
	private final int[] starts;

	private final int count;

	/** Where each record's blocks start in {@link #blocksOf}, and one more. */
	private final int[] recordStarts;

	private final int[] blocksOf;

	private ScanBlocks(int[] members, int[] starts, int count, int records) {
		this.members = members;
		this.starts = starts;
		this.count = count;
		this.recordStarts = new int[records + 1];
		int total = starts[count];
		for (int i = 0; i < total; i++) {
			this.recordStarts[members[i] + 1]++;
		}
		for (int r = 0; r < records; r++) {
			this.recordStarts[r + 1] += this.recordStarts[r];
		}
		this.blocksOf = new int[total];
		int[] next = Arrays.copyOf(this.recordStarts, records);
		for (int b = 0; b < count; b++) {
			for (int i = starts[b]; i < starts[b + 1]; i++) {
				this.blocksOf[next[members[i]]++] = b;
			}
		}
	}

	static ScanBlocks read(DSLContext dsl, TransactionTemplate transactions, String code, ScanProfiles profiles) {
		int[][] members = { new int[1 << 16] };
		int[][] starts = { new int[1 << 12] };
		int[] sizes = new int[2];
		transactions.executeWithoutResult((status) -> {
			try (Cursor<Record2<String, UUID>> cursor = dsl.select(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID)
				.from(DUPLICATE_KEY)
				.where(WorkspaceScope.of(DUPLICATE_KEY.WORKSPACE_ID))
				.and(DUPLICATE_KEY.KIND.eq(code))
				.orderBy(DUPLICATE_KEY.BLOCK_KEY, DUPLICATE_KEY.RECORD_ID)
				.fetchSize(FETCH)
				.fetchLazy()) {
				String key = null;
				int from = 0;
				for (Record2<String, UUID> row : cursor) {
					if (!row.value1().equals(key)) {
						from = close(key, from, sizes, starts);
						key = row.value1();
					}
					int index = profiles.index(row.value2());
					if (index >= 0) {
						if (sizes[0] == members[0].length) {
							members[0] = Arrays.copyOf(members[0], members[0].length * 2);
						}
						members[0][sizes[0]++] = index;
					}
				}
				close(key, from, sizes, starts);
			}
		});
		int[] ends = Arrays.copyOf(starts[0], sizes[1] + 1);
		ends[sizes[1]] = sizes[0];
		return new ScanBlocks(members[0], ends, sizes[1], profiles.size());
	}

	/**
	 * Ends the block of a key: kept when it has two records or more and no more than the
	 * key's cap, else its records are taken back.
	 * @return where the next block starts
	 */
	private static int close(String key, int from, int[] sizes, int[][] starts) {
		if (key == null) {
			return sizes[0];
		}
		int size = sizes[0] - from;
		if (size < 2 || size > Matcher.blockCap(key)) {
			sizes[0] = from;
			return from;
		}
		if (sizes[1] + 1 >= starts[0].length) {
			starts[0] = Arrays.copyOf(starts[0], starts[0].length * 2);
		}
		starts[0][sizes[1]++] = from;
		return sizes[0];
	}

	int count() {
		return this.count;
	}

	/** The records in at least one block. */
	BitSet inBlocks() {
		BitSet in = new BitSet(this.recordStarts.length - 1);
		for (int r = 0; r < this.recordStarts.length - 1; r++) {
			if (this.recordStarts[r + 1] > this.recordStarts[r]) {
				in.set(r);
			}
		}
		return in;
	}

	int start(int block) {
		return this.starts[block];
	}

	int end(int block) {
		return this.starts[block + 1];
	}

	int member(int position) {
		return this.members[position];
	}

	/** The first block two records share (-1 for none). */
	int firstShared(int x, int y) {
		int i = this.recordStarts[x];
		int iEnd = this.recordStarts[x + 1];
		int j = this.recordStarts[y];
		int jEnd = this.recordStarts[y + 1];
		while (i < iEnd && j < jEnd) {
			int a = this.blocksOf[i];
			int b = this.blocksOf[j];
			if (a == b) {
				return a;
			}
			if (a < b) {
				i++;
			}
			else {
				j++;
			}
		}
		return -1;
	}

	/**
	 * Where a segment starting at a block ends so that its blocks hold at most
	 * {@code records} members (counted with repeats, so the distinct records are fewer);
	 * at least one block.
	 */
	int segmentEnd(int from, long records) {
		int b = from + 1;
		while (b < this.count && this.starts[b + 1] - this.starts[from] <= records) {
			b++;
		}
		return b;
	}

	/** The records in the blocks from one block up to another (exclusive). */
	BitSet members(int from, int to) {
		BitSet in = new BitSet(this.recordStarts.length - 1);
		for (int i = this.starts[from]; i < this.starts[to]; i++) {
			in.set(this.members[i]);
		}
		return in;
	}

	/** Where a round starting at a block ends, after about {@code pairs} pairs. */
	int roundEnd(int from, long pairs) {
		long sum = 0;
		int b = from;
		while (b < this.count && sum < pairs) {
			long n = this.starts[b + 1] - this.starts[b];
			sum += n * (n - 1) / 2;
			b++;
		}
		return b;
	}

}
