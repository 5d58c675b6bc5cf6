package dev.rapport.platform.web;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/v1}, served at {@code /v3/api-docs}, adapted to
 * the caller by the {@link CallerOpenApiCustomizer}s of the modules.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI rapportOpenApi() {
		return new OpenAPI().info(new Info().title("Rapport API")
			.version("v1")
			.description("REST API of Rapport. Authenticate with a personal API token: Authorization: Bearer rpt_...; "
					+ "updates need If-Match with the ETag you read; errors are application/problem+json.")
			.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("rpt_ token")));
	}

	/**
	 * springdoc's endpoints of the description (it steps back when this bean exists),
	 * with one change: see {@link CallerOpenApiResource}.
	 */
	@Bean
	@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
	OpenApiWebMvcResource callerOpenApiResource(ObjectFactory<OpenAPIService> openApiService,
			AbstractRequestService requests, GenericResponseService responses, OperationService operations,
			SpringDocConfigProperties properties, SpringDocProviders providers, SpringDocCustomizers customizers,
			List<CallerOpenApiCustomizer> callerCustomizers) {
		return new CallerOpenApiResource(openApiService, requests, responses, operations, properties, providers,
				customizers, callerCustomizers);
	}

	/**
	 * springdoc runs its own customizers only when it builds the description, and then
	 * keeps it, one per locale, for every caller ({@code springdoc.cache.disabled} would
	 * rebuild all of it on each request, one request at a time). So the description it
	 * keeps stays generic, and each request gets a copy of it, given to the
	 * {@link CallerOpenApiCustomizer}s. The copy goes through JSON with springdoc's own
	 * mapper, which is what it serves anyway.
	 */
	static class CallerOpenApiResource extends OpenApiWebMvcResource {

		private final List<CallerOpenApiCustomizer> callerCustomizers;

		CallerOpenApiResource(ObjectFactory<OpenAPIService> openApiService, AbstractRequestService requests,
				GenericResponseService responses, OperationService operations, SpringDocConfigProperties properties,
				SpringDocProviders providers, SpringDocCustomizers customizers,
				List<CallerOpenApiCustomizer> callerCustomizers) {
			super(openApiService, requests, responses, operations, properties, providers, customizers);
			this.callerCustomizers = List.copyOf(callerCustomizers);
		}

		@Override
		protected OpenAPI getOpenApi(@Nullable String serverBaseUrl, Locale locale) {
			OpenAPI shared = super.getOpenApi(serverBaseUrl, locale);
			if (this.callerCustomizers.isEmpty()) {
				return shared;
			}
			OpenAPI own = SpringDocUtils.cloneViaJson(shared, OpenAPI.class, this.springDocProviders.jsonMapper());
			this.callerCustomizers.forEach((customizer) -> customizer.customise(own));
			return own;
		}

	}

}
