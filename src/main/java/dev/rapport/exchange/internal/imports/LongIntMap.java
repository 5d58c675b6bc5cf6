package dev.rapport.exchange.internal.imports;

import java.nio.charset.StandardCharsets;

/**
 * An open-addressing map from 64-bit hashes of keys to row numbers: remembers which row
 * first had an e-mail address or phone number of a file in about 12 bytes per key.
 */
final class LongIntMap {

	private long[] keys = new long[1024];

	private int[] values = new int[1024];

	private int size;

	/** The row stored under a key, or 0. */
	int get(long key) {
		long k = (key == 0) ? 1 : key;
		int mask = this.keys.length - 1;
		for (int i = index(k, mask);; i = (i + 1) & mask) {
			if (this.keys[i] == 0) {
				return 0;
			}
			if (this.keys[i] == k) {
				return this.values[i];
			}
		}
	}

	/** Stores a row under a key unless one is stored; answers the stored row or 0. */
	int putIfAbsent(long key, int value) {
		int existing = get(key);
		if (existing != 0) {
			return existing;
		}
		if ((this.size + 1) * 2 > this.keys.length) {
			grow();
		}
		insert((key == 0) ? 1 : key, value);
		this.size++;
		return 0;
	}

	private void insert(long k, int value) {
		int mask = this.keys.length - 1;
		int i = index(k, mask);
		while (this.keys[i] != 0) {
			i = (i + 1) & mask;
		}
		this.keys[i] = k;
		this.values[i] = value;
	}

	private void grow() {
		long[] oldKeys = this.keys;
		int[] oldValues = this.values;
		this.keys = new long[oldKeys.length * 2];
		this.values = new int[oldKeys.length * 2];
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				insert(oldKeys[i], oldValues[i]);
			}
		}
	}

	private static int index(long k, int mask) {
		long h = k * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32)) & mask;
	}

	/** A 64-bit FNV-1a hash of a key. */
	static long hash(String key) {
		long h = 0xcbf29ce484222325L;
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			h ^= (b & 0xff);
			h *= 0x100000001b3L;
		}
		return h;
	}

}
