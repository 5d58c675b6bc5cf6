package dev.rapport.activities;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of activities and the cursor of the next, if there is one. */
public record ActivityPage(List<ActivityView> items, @Nullable String next) {
}
