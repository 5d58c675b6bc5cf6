package dev.rapport.dataquality.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import org.jspecify.annotations.Nullable;

import dev.rapport.customers.CustomerKind;
import dev.rapport.customers.Customers;
import dev.rapport.customers.MatchData;
import dev.rapport.dataquality.internal.matching.Profile;

/**
 * The records of a kind in the workspace as a scan sees them: every id, in order, so that
 * a record is an index; and the comparable form of those that share a block with another,
 * read once per scan in id order. Names and companies, which repeat, are held once.
 */
final class ScanProfiles {

	private static final int ID_PAGE = 20_000;

	private static final int PAGE = 5_000;

	/** Ids in unsigned order (the order of the database and of their text). */
	private final long[] high;

	private final long[] low;

	private final Profile[] profiles;

	private int loaded;

	private long heapMb;

	private ScanProfiles(List<UUID> ids) {
		UUID[] sorted = ids.toArray(UUID[]::new);
		Arrays.sort(sorted, ScanProfiles::unsigned);
		this.high = new long[sorted.length];
		this.low = new long[sorted.length];
		for (int i = 0; i < sorted.length; i++) {
			this.high[i] = sorted[i].getMostSignificantBits();
			this.low[i] = sorted[i].getLeastSignificantBits();
		}
		this.profiles = new Profile[sorted.length];
	}

	/** The ids of every record of a kind (not in the trash), in a few queries. */
	static ScanProfiles ids(Customers customers, CustomerKind kind) {
		List<UUID> ids = new ArrayList<>();
		UUID after = null;
		while (true) {
			List<UUID> page = customers.idsAfter(kind, after, ID_PAGE);
			ids.addAll(page);
			if (page.size() < ID_PAGE) {
				break;
			}
			after = page.get(page.size() - 1);
		}
		return new ScanProfiles(ids);
	}

	/**
	 * Reads the comparable form of the records wanted, page by page in id order, computed
	 * on the workers; the others are not kept.
	 */
	void load(Customers customers, CustomerKind kind, BitSet wanted, ForkJoinPool workers) {
		Map<String, String> shared = new HashMap<>();
		UUID after = null;
		while (true) {
			List<MatchData> page = customers.matchDataAfter(kind, after, PAGE);
			if (page.isEmpty()) {
				break;
			}
			List<MatchData> kept = new ArrayList<>();
			List<Integer> at = new ArrayList<>();
			for (MatchData data : page) {
				int index = index(data.id());
				if (index >= 0 && wanted.get(index)) {
					kept.add(data);
					at.add(index);
				}
			}
			List<Profile> computed = workers
				.invoke(ForkJoinTask.adapt(() -> kept.parallelStream().map(Profiles::of).toList()));
			for (int i = 0; i < computed.size(); i++) {
				this.profiles[at.get(i)] = compact(computed.get(i), shared);
				this.loaded++;
			}
			after = page.get(page.size() - 1).id();
			if (page.size() < PAGE) {
				break;
			}
		}
		Runtime runtime = Runtime.getRuntime();
		this.heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
	}

	/**
	 * Forgets every comparable form read and reads those wanted by their ids instead, a
	 * page at a time: for a scan whose records do not all fit in memory at once.
	 */
	void loadOnly(Customers customers, CustomerKind kind, BitSet wanted, ForkJoinPool workers) {
		Arrays.fill(this.profiles, null);
		Map<String, String> shared = new HashMap<>();
		List<UUID> ids = new ArrayList<>(PAGE);
		for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
			ids.add(id(i));
			if (ids.size() == PAGE || wanted.nextSetBit(i + 1) < 0) {
				List<MatchData> page = customers.matchData(kind, ids);
				List<Profile> computed = workers
					.invoke(ForkJoinTask.adapt(() -> page.parallelStream().map(Profiles::of).toList()));
				for (int j = 0; j < computed.size(); j++) {
					int index = index(page.get(j).id());
					if (index >= 0) {
						this.profiles[index] = compact(computed.get(j), shared);
						this.loaded++;
					}
				}
				ids.clear();
			}
		}
		Runtime runtime = Runtime.getRuntime();
		this.heapMb = Math.max(this.heapMb, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
	}

	private static Profile compact(Profile p, Map<String, String> shared) {
		// The id is the index: not held twice.
		return new Profile(null, p.kind(), p.display(), once(p.given(), shared), once(p.family(), shared),
				once(p.foldedName(), shared), once(p.nameWords(), shared), p.emails(), p.phones(),
				once(p.company(), shared), once(p.domain(), shared), p.addresses(), p.cities());
	}

	private static String once(String text, Map<String, String> shared) {
		if (text.isEmpty()) {
			return "";
		}
		String known = shared.putIfAbsent(text, text);
		return (known != null) ? known : text;
	}

	static int unsigned(@Nullable UUID x, @Nullable UUID y) {
		int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
	}

	int size() {
		return this.profiles.length;
	}

	/** How many comparable forms were read. */
	int loaded() {
		return this.loaded;
	}

	/** The comparable form of a record, null when not read (in no block, or gone). */
	@Nullable Profile get(int index) {
		return this.profiles[index];
	}

	UUID id(int index) {
		return new UUID(this.high[index], this.low[index]);
	}

	/** The index of a record, or -1 when it is not among them (in the trash, new). */
	int index(UUID id) {
		long h = id.getMostSignificantBits();
		long l = id.getLeastSignificantBits();
		int from = 0;
		int to = this.high.length - 1;
		while (from <= to) {
			int mid = (from + to) >>> 1;
			int c = Long.compareUnsigned(this.high[mid], h);
			if (c == 0) {
				c = Long.compareUnsigned(this.low[mid], l);
			}
			if (c < 0) {
				from = mid + 1;
			}
			else if (c > 0) {
				to = mid - 1;
			}
			else {
				return mid;
			}
		}
		return -1;
	}

	/** The heap in use after reading, in MiB. */
	long heapMb() {
		return this.heapMb;
	}

}
