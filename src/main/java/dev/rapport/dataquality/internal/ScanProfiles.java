package dev.rapport.dataquality.internal;

import java.util.ArrayList;
import java.util.Comparator;
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
 * The comparable form of every record of a kind in the workspace, read once per scan in
 * id order and held by index: records sharing a key are compared without reading them
 * again. Names and companies, which repeat, are held once.
 */
final class ScanProfiles {

	private static final int PAGE = 5_000;

	/** Ids in unsigned order (the order of the database and of their text). */
	private final long[] high;

	private final long[] low;

	private final Profile[] profiles;

	private final long heapMb;

	private ScanProfiles(List<Profile> sorted, long heapMb) {
		this.profiles = sorted.toArray(Profile[]::new);
		this.high = new long[this.profiles.length];
		this.low = new long[this.profiles.length];
		for (int i = 0; i < this.profiles.length; i++) {
			UUID id = this.profiles[i].id();
			this.high[i] = id.getMostSignificantBits();
			this.low[i] = id.getLeastSignificantBits();
		}
		this.heapMb = heapMb;
	}

	/** Reads the records page by page, their profiles computed on the workers. */
	static ScanProfiles read(Customers customers, CustomerKind kind, ForkJoinPool workers) {
		List<Profile> all = new ArrayList<>();
		Map<String, String> shared = new HashMap<>();
		UUID after = null;
		while (true) {
			List<MatchData> page = customers.matchDataAfter(kind, after, PAGE);
			if (page.isEmpty()) {
				break;
			}
			List<Profile> computed = workers
				.invoke(ForkJoinTask.adapt(() -> page.parallelStream().map(Profiles::of).toList()));
			for (Profile profile : computed) {
				all.add(compact(profile, shared));
			}
			after = page.get(page.size() - 1).id();
			if (page.size() < PAGE) {
				break;
			}
		}
		all.sort(Comparator.comparing(Profile::id, ScanProfiles::unsigned));
		Runtime runtime = Runtime.getRuntime();
		return new ScanProfiles(all, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
	}

	private static Profile compact(Profile p, Map<String, String> shared) {
		return new Profile(p.id(), p.kind(), p.display(), once(p.given(), shared), once(p.family(), shared),
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

	Profile get(int index) {
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
