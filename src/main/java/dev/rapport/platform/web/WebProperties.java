package dev.rapport.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web layer.
 *
 * @param maxRequestBody the largest API request body accepted
 * @param ownLimitPaths API paths (exact) that check the size of their bodies themselves,
 * such as the upload of a file to import
 */
@ConfigurationProperties("rapport.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestBody,
		@DefaultValue java.util.List<String> ownLimitPaths) {
}
