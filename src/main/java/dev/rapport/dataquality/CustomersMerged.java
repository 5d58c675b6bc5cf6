package dev.rapport.dataquality;

import java.util.UUID;

import dev.rapport.customers.CustomerKind;

/** Two customers were merged: {@code mergedId} went into {@code survivorId}. */
public record CustomersMerged(UUID mergeId, CustomerKind kind, UUID survivorId, UUID mergedId) {
}
