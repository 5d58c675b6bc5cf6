package dev.rapport.identity.internal;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import dev.rapport.platform.web.NavigationItem;

/**
 * Two ways in: the web UI with a session (form login, CSRF, remember-me, throttling), and
 * the REST API and actuator with bearer API tokens and no session.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * Reachable without a session. The private calendar feed carries its own secret
	 * token, because calendar apps cannot sign in.
	 */
	static final String[] PUBLIC = { "/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
			"/swagger-ui.html", "/swagger-ui/**", "/calendar/feed/**" };

	/**
	 * The OpenAPI description, in JSON and YAML, and the settings of its browser page.
	 */
	static final String[] API_DESCRIPTION = { "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**" };

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	PersistentTokenRepository rememberMeTokens(DataSource dataSource) {
		JdbcTokenRepositoryImpl repository = new JdbcTokenRepositoryImpl();
		repository.setDataSource(dataSource);
		return repository;
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * The one authentication manager of the UI: password sign-in behind the throttle,
	 * with no parent manager, so a failed attempt is checked and counted exactly once.
	 */
	private static AuthenticationManager signInManager(UserDetailsLoader users, PasswordEncoder passwordEncoder,
			LoginThrottle throttle, String rememberMeKey) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(passwordEncoder);
		return new ProviderManager(new ThrottlingAuthenticationProvider(passwords, throttle),
				new RememberMeAuthenticationProvider(rememberMeKey));
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemResponses problems) throws Exception {
		http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.access(AuthorizationManagers.allOf(
						AuthorityAuthorizationManager.hasAuthority(RapportUserDetails.ADMIN),
						AuthorityAuthorizationManager.hasAuthority("SCOPE_read")))
				.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAuthority("SCOPE_read")
				.requestMatchers(HttpMethod.HEAD, "/api/**")
				.hasAuthority("SCOPE_read")
				.anyRequest()
				.hasAuthority("SCOPE_write"))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems),
					UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden));
		return http.build();
	}

	/**
	 * The API description is open to everyone. A request with an API token (which needs
	 * the read scope) or a signed-in session is known, so the description can show that
	 * caller's workspace (its custom fields); no session is made here.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain apiDescription(HttpSecurity http, ApiTokens tokens, ProblemResponses problems,
			UserDetailsLoader users, SecurityContextRepository contexts) throws Exception {
		http.securityMatcher(API_DESCRIPTION)
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION))
						.hasAuthority("SCOPE_read")
						.anyRequest()
						.permitAll())
			.securityContext((context) -> context.securityContextRepository(contexts))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			// A session is checked against the database first, as on every page; a token
			// then takes its place.
			.addFilterAfter(new CurrentUserFilter(users, contexts), SecurityContextHolderFilter.class)
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems),
					UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain ui(HttpSecurity http, PasswordEncoder passwordEncoder, LoginThrottle throttle,
			PersistentTokenRepository rememberMeTokens, UserDetailsLoader users, IdentityProperties properties,
			SecurityContextRepository contexts) throws Exception {
		// Remember-me tokens live in the database; this key only ties the token made by
		// the filter
		// to the provider that accepts it within this process.
		String rememberMeKey = UUID.randomUUID().toString();
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(PUBLIC)
			.permitAll()
			.requestMatchers("/admin/**")
			.hasAuthority(RapportUserDetails.ADMIN)
			.anyRequest()
			.authenticated())
			.authenticationManager(signInManager(users, passwordEncoder, throttle, rememberMeKey))
			.securityContext((context) -> context.securityContextRepository(contexts))
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("email")
				.passwordParameter("password")
				.failureHandler(new SignInFailureHandler())
				.defaultSuccessUrl("/", false)
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll())
			.rememberMe((remember) -> remember.key(rememberMeKey)
				.tokenRepository(rememberMeTokens)
				.userDetailsService(users)
				.rememberMeParameter("rememberMe")
				.tokenValiditySeconds((int) properties.rememberMe().toSeconds()))
			.sessionManagement((session) -> session.sessionFixation((fixation) -> fixation.changeSessionId()))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
							+ "frame-ancestors 'none'; form-action 'self'; base-uri 'self'")))
			.exceptionHandling(
					(exceptions) -> exceptions.defaultAuthenticationEntryPointFor((request, response, ex) -> {
						// An htmx fragment cannot show the sign-in page inside itself:
						// send the whole page there.
						response.setHeader("HX-Redirect", request.getContextPath() + "/login");
						response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
					}, new RequestHeaderRequestMatcher(CurrentUserFilter.HTMX_REQUEST)))
			.addFilterAfter(new CurrentUserFilter(users, contexts, PUBLIC), AuthorizationFilter.class);
		return http.build();
	}

	@Bean
	static NavigationItem usersNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.users", "/admin/users", 10,
				RapportUserDetails.ADMIN);
	}

	@Bean
	static NavigationItem rolesNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.roles", "/admin/roles", 20,
				RapportUserDetails.ADMIN);
	}

	@Bean
	static NavigationItem teamsNavigation() {
		return new NavigationItem(NavigationItem.ADMIN, "nav.admin.teams", "/admin/teams", 30,
				RapportUserDetails.ADMIN);
	}

}
