package dev.rapport.dataquality;

import java.util.UUID;

import dev.rapport.customers.CustomerKind;

/** A merge was undone: {@code mergedId} is back beside {@code survivorId}. */
public record MergeUndone(UUID mergeId, CustomerKind kind, UUID survivorId, UUID mergedId) {
}
