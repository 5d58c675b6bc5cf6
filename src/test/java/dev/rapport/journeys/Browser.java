package dev.rapport.journeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the browser journeys, driven offline by Playwright. Without an
 * installed Chromium a journey is skipped, except on CI ({@code CI=true}), where it
 * fails.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	static final Path SCREENSHOTS = Paths.get("target", "journeys");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser chromium;

	private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
		this.playwright = playwright;
		this.chromium = chromium;
	}

	/** Skips the calling test when Chromium is missing, or fails it on CI. */
	static void assumeInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM);
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail("Browser journeys need Chromium at " + CHROMIUM
					+ " and CI must install it (apt-get install -y chromium)");
		}
		Assumptions.assumeTrue(installed, () -> "No Chromium at " + CHROMIUM + ": browser journeys skipped");
	}

	/** Starts headless Chromium; close it when done. */
	static Browser launch() {
		assumeInstalled();
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			com.microsoft.playwright.Browser chromium = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
					.setHeadless(true)
					.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
							"--disable-component-update", "--disable-sync", "--no-first-run")));
			return new Browser(playwright, chromium);
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	/** A fresh page in its own browser context (no cookies), at the given base URL. */
	Page newPage(String baseUrl) {
		BrowserContext context = this.chromium
			.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setBaseURL(baseUrl)
				.setLocale("en-GB")
				.setViewportSize(1280, 800));
		return context.newPage();
	}

	/** Saves a full-page screenshot as {@code target/journeys/<name>.png}. */
	static void screenshot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
	}

	/**
	 * Saves what the viewport shows as {@code target/journeys/<name>.png}: the size of
	 * the pictures in the user guide.
	 */
	static void screenshotViewport(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
	}

	@Override
	public void close() {
		try {
			this.chromium.close();
		}
		finally {
			this.playwright.close();
		}
	}

}
