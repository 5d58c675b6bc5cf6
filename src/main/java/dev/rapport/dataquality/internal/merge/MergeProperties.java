package dev.rapport.dataquality.internal.merge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of merges for the whole installation.
 *
 * @param mergeUndoDays for how many days after a merge it can be undone
 */
@ConfigurationProperties("rapport.dataquality")
public record MergeProperties(@DefaultValue("30") int mergeUndoDays) {
}
