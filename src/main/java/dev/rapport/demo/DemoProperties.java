package dev.rapport.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data on start.
 *
 * @param people how many people to generate in an empty first workspace (0: none)
 * @param heavy how many of them get a long history
 * @param seed the seed of the generator: the same seed gives the same data
 */
@ConfigurationProperties("rapport.demo")
record DemoProperties(@DefaultValue("0") int people, @DefaultValue("5") int heavy, @DefaultValue("42") long seed) {
}
