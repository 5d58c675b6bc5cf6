package dev.rapport.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web layer.
 *
 * @param maxRequestBody the largest API request body accepted
 */
@ConfigurationProperties("rapport.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestBody) {
}
