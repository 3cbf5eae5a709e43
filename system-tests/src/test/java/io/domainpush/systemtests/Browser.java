package io.domainpush.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One person's browser: Debian's headless Chromium driven by its chromedriver (nothing is
 * downloaded at run time), with a fresh profile, so each Browser is its own session.
 * Finds things as people do, by their label or their visible text; saves screenshots
 * under {@code target/screenshots/}; scans pages with axe-core.
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	/**
	 * Chromium instances idle between tests: starting one takes seconds, and a test
	 * leaves it as it found it (no cookie, no storage, a blank page).
	 */
	private static final Deque<Chromium> IDLE = new ArrayDeque<>();

	final ChromeDriver driver;

	private final String base;

	private final Chromium chromium;

	Browser(String base) {
		this(base, new Dimension(1280, 900));
	}

	Browser(String base, Dimension window) {
		this.base = base;
		this.chromium = take();
		this.driver = chromium.driver;
		this.driver.manage().window().setSize(window);
	}

	private static synchronized Chromium take() {
		Chromium idle = IDLE.poll();
		return idle != null ? idle : Chromium.start();
	}

	private static synchronized void giveBack(Chromium chromium) {
		IDLE.push(chromium);
	}

	Browser open(String path) {
		driver.get(base + path);
		return this;
	}

	/**
	 * Signs in on the sign-in page, as a person types it, and waits for the page it leads
	 * to (a click returns before the browser follows the redirects: opening another page
	 * at once would race them).
	 */
	Browser signIn(String username, String password) {
		open("/");
		field("Username").sendKeys(username);
		field("Password").sendKeys(password);
		button("Sign in").click();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !driver.getCurrentUrl().contains("/console/sign-in")
					&& !driver.findElements(By.xpath("//button[normalize-space()='Sign out']")).isEmpty());
		return this;
	}

	/** The input, select or textarea whose label says {@code label}. */
	WebElement field(String label) {
		WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
		return driver.findElement(By.id(labelElement.getAttribute("for")));
	}

	/** The visible button that says {@code text}. */
	WebElement button(String text) {
		return driver.findElements(By.xpath("//button[normalize-space()='" + text + "']"))
			.stream()
			.filter(WebElement::isDisplayed)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no visible button '" + text + "' on " + driver.getCurrentUrl()));
	}

	/** The visible link that says {@code text}. */
	WebElement link(String text) {
		return driver.findElements(By.xpath("//a[normalize-space()='" + text + "']"))
			.stream()
			.filter(WebElement::isDisplayed)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no visible link '" + text + "' on " + driver.getCurrentUrl()));
	}

	/**
	 * The page's visible text; read again when the page was replaced while reading it (a
	 * click that submits a form can return before the browser leaves the page).
	 */
	String text() {
		for (int attempt = 1;; attempt++) {
			try {
				return driver.findElement(By.tagName("body")).getText();
			}
			catch (StaleElementReferenceException replaced) {
				if (attempt == 5) {
					throw replaced;
				}
			}
		}
	}

	String path() {
		return driver.getCurrentUrl().substring(base.length());
	}

	/** Waits until the page says {@code text} (live parts update themselves). */
	Browser awaitText(String text) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(text()).contains(text));
		return this;
	}

	/** Waits until the modal dialog {@code id} is open; @return it */
	WebElement awaitDialog(String id) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> driver.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	/** Saves the page as {@code target/screenshots/NAME.png}. */
	Browser screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			File shot = driver.getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/**
	 * Runs axe-core on the page as it is now: no violation of impact serious or critical
	 * (WCAG 2.1 A and AA rules and best practices). @return the violations of lesser
	 * impact, for the report
	 */
	List<Rule> assertAccessible() {
		Results results = new AxeBuilder()
			.withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
			.analyze(driver);
		List<Rule> blocking = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.toList();
		assertThat(blocking).as("axe-core on %s: %s", path(), describe(blocking)).isEmpty();
		System.out.printf("[axe] %s: %d rules passed, %d violated (%s)%n", path(), results.getPasses().size(),
				results.getViolations().size(),
				String.join(", ", results.getViolations().stream().map(r -> r.getImpact() + " " + r.getId()).toList()));
		return results.getViolations();
	}

	private static String describe(List<Rule> rules) {
		StringBuilder text = new StringBuilder();
		for (Rule rule : rules) {
			text.append("\n  ")
				.append(rule.getImpact())
				.append(' ')
				.append(rule.getId())
				.append(": ")
				.append(rule.getHelp());
			rule.getNodes().stream().limit(3).forEach(node -> text.append("\n    ").append(node.getHtml()));
		}
		return text.toString();
	}

	/** Gives the browser back, forgetting everything this test did in it. */
	@Override
	public void close() {
		driver.get("about:blank");
		driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
		giveBack(chromium);
	}

	/**
	 * One Debian Chromium with its driver and a profile of its own, quit when the JVM
	 * ends.
	 */
	private record Chromium(ChromeDriver driver, Path profile) {

		static Chromium start() {
			if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
				throw new IllegalStateException("The browser tests need Chromium and its driver: apt-get install "
						+ "chromium chromium-driver (.ci/run installs them)");
			}
			Path profile;
			try {
				profile = Files.createTempDirectory("console-browser");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--disable-extensions", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			Chromium chromium = new Chromium(driver, profile);
			Runtime.getRuntime().addShutdownHook(new Thread(chromium::quit));
			return chromium;
		}

		void quit() {
			driver.quit();
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ignored) {
				// a temporary profile left behind is harmless
			}
		}

	}

}
