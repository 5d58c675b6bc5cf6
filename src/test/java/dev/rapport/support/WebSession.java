package dev.rapport.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen for tests against the running server: it keeps cookies, does
 * not follow redirects, and sends the CSRF token of the last page it read with every
 * form.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private String csrf = "";

	public WebSession(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", HTML).GET().build());
	}

	public HttpResponse<String> get(String path, String header, String value) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).header(header, value).GET().build());
	}

	public HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		fields.putIfAbsent("_csrf", this.csrf);
		String body = fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", HTML)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** Reads the sign-in page and signs in. */
	public HttpResponse<String> signIn(String email, String password, boolean rememberMe) {
		get("/login");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("email", email);
		form.put("password", password);
		if (rememberMe) {
			form.put("rememberMe", "on");
		}
		return post("/login", form);
	}

	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	public void forget(String name) {
		this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.toList()
			.forEach((c) -> this.cookies.getCookieStore().remove(URI.create(this.base), c));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			Matcher matcher = CSRF.matcher(response.body());
			if (matcher.find()) {
				this.csrf = matcher.group(1);
			}
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
