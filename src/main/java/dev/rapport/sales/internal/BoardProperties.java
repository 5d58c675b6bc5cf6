package dev.rapport.sales.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the deal board.
 *
 * @param closedDays the won and lost columns show the deals closed in this many days (the
 * deals list shows them all), so that a board stays as fast in its fifth year as in its
 * first
 */
@ConfigurationProperties("rapport.sales.board")
public record BoardProperties(@DefaultValue("90") int closedDays) {
}
