package dev.rapport.customers;

import java.util.List;
import java.util.UUID;

/**
 * People or companies were created, changed, deleted, restored, merged or erased in the
 * current workspace. Published inside the writing transaction, so a listener that keeps a
 * derived copy (duplicate keys, for one) stays consistent with the records; a listener
 * reads the records' current state itself.
 */
public record CustomersChanged(CustomerKind kind, List<UUID> ids) {
}
