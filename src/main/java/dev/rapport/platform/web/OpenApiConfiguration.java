package dev.rapport.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of {@code /api/v1}, served at {@code /v3/api-docs}. */
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

}
