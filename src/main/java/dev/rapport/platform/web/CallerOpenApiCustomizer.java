package dev.rapport.platform.web;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * Adapts the OpenAPI description to the caller, for example to the custom fields of their
 * workspace. springdoc builds the description once and keeps it for everyone; a
 * customizer runs on every request for it, on a copy of its own, so what it adds for one
 * caller never reaches another. The caller is
 * {@link dev.rapport.platform.Actors#current()}, empty for an anonymous request, which
 * should get the description as it is.
 */
@FunctionalInterface
public interface CallerOpenApiCustomizer {

	void customise(OpenAPI description);

}
