package com.tikneuron.portal.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real headless Chromium, against a whole running stack (scripts/test.sh starts one with the
 * TikTok stand-in): sign-up to log-out, the key working from a plain HTTP client and refused once revoked, CSRF,
 * throttling and ownership. Saves a screenshot of every page at desktop and phone width under docs/portal/.
 */
class PortalBrowserIT {

    static final String PORTAL = System.getProperty("tikneuron.portal.it.portal", "http://127.0.0.1:18086");
    static final String GATEWAY = System.getProperty("tikneuron.portal.it.gateway", "http://127.0.0.1:18080");
    static final String BILLING = System.getProperty("tikneuron.portal.it.billing", "http://127.0.0.1:18084");
    static final Path SCREENSHOTS = Path.of(System.getProperty("tikneuron.portal.it.screenshots", "target/screenshots"));
    static final Path ADMIN_TOKEN = Path.of(System.getProperty("tikneuron.portal.it.admin-token-file",
            ".local/e2e/admin-token"));
    /** docs/API.md: "a revoked key stops working within 30 seconds". */
    static final Duration REVOCATION_DELAY = Duration.ofSeconds(30);
    static final String PASSWORD = "blue kettle on a quiet hill";

    static WebDriver driver;
    static Path profile;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startChromium() throws IOException {
        profile = Files.createTempDirectory("portal-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("tikneuron.portal.it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("tikneuron.portal.it.chromedriver",
                        "/usr/bin/chromedriver")).toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void signUpToLogOutWithAKeyThatWorksUntilItIsRevoked() throws Exception {
        open("/");
        shoot("home");

        String owner = "owner-" + UUID.randomUUID() + "@example.com";
        signUp(owner, true);
        logIn(owner, PASSWORD);
        landsOn("/dashboard");

        // Credits come from an operator, as the page says
        String account = text("account-id");
        grant(account, 5);
        open("/dashboard");
        assertEquals("5", text("credits-available"));

        // A live key, shown once
        waitFor("key-name").sendKeys("browser test");
        click("create-key");
        String key = waitFor("new-key").getDomProperty("value");
        assertTrue(key.matches("tn_live_[0-9A-Za-z]{40}"), "a live key is shown once");
        hideSecret();
        shoot("key-created");
        open("/dashboard");
        String keyId = driver.findElement(By.cssSelector("#keys tbody tr")).getDomAttribute("data-key-id");
        assertTrue(text("keys").contains("browser test"));

        // The playground: the key of this tab is filled in; a subtitle comes back and one credit is gone
        open("/playground");
        assertEquals("5", text("playground-credits"));
        assertEquals(key, waitFor("api-key").getDomProperty("value"),
                "the key created in this tab is handed to the playground");
        WebElement url = waitFor("url");
        url.clear();
        url.sendKeys(freshVideo());
        click("run");
        waitFor("answer");
        assertEquals("200", text("answer-status"));
        assertTrue(text("answer").contains("\"subtitle_content\""), text("answer"));
        assertEquals("1", text("credits-charged"));
        assertEquals("4", text("playground-credits"), "the balance shown drops by one credit");
        assertTrue(text("sample-curl").startsWith("curl -X POST " + GATEWAY + "/api/v1/tiktok/subtitle"));
        assertTrue(text("sample-python").contains("requests.post"));
        assertTrue(text("sample-javascript").contains("fetch("));
        hideSecret();
        shoot("playground");
        open("/dashboard");
        assertEquals("4", text("credits-available"));
        // Once the capture is applied (Kafka, asynchronously) the chart has today's bar
        long settleBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"0".equals(text("credits-reserved")) && System.nanoTime() < settleBy) {
            Thread.sleep(1000);
            open("/dashboard");
        }
        assertEquals("0", text("credits-reserved"), "the call's hold is captured");
        assertTrue(text("chart-legend").contains("subtitle: 1"), text("chart-legend"));
        shoot("dashboard");

        // The same key from a plain HTTP client, as curl would send it
        assertEquals(200, subtitle(key).statusCode());

        open("/usage");
        assertTrue(text("usage").contains("subtitle"));
        shoot("usage");

        // A post without its CSRF token is refused
        open("/dashboard");
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('form[action=\"/keys\"] input[name=csrf_token]').remove();");
        click("create-key");
        assertEquals("Form expired", text("error-title"));
        shoot("error");

        // Another user can neither see nor revoke the key
        click("logout");
        String stranger = "stranger-" + UUID.randomUUID() + "@example.com";
        signUp(stranger, false);
        logIn(stranger, PASSWORD);
        open("/keys/" + keyId);
        assertEquals("Not found", text("error-title"));
        assertEquals(404, postAsThisBrowser("/keys/" + keyId + "/revoke").statusCode());
        assertEquals(404, postAsThisBrowser("/keys/" + keyId + "/rotate", "grace", "0").statusCode());
        click("logout");

        // The owner still has it, then revokes it; the gateway refuses it within the documented delay
        logIn(owner, PASSWORD);
        open("/keys/" + keyId);
        assertEquals("active", text("key-status"));
        shoot("key");
        click("revoke-key");
        assertTrue(text("notice").contains("revoked"));
        open("/keys/" + keyId);
        assertEquals("revoked", text("key-status"));
        long revokedAt = System.nanoTime();
        int status = 200;
        while (System.nanoTime() - revokedAt < REVOCATION_DELAY.plusSeconds(5).toNanos()) {
            status = keyCheck(key).statusCode();
            if (status == 401) {
                break;
            }
            Thread.sleep(1000);
        }
        long waited = Duration.ofNanos(System.nanoTime() - revokedAt).toSeconds();
        assertEquals(401, status, "the revoked key is refused");
        assertTrue(waited <= REVOCATION_DELAY.toSeconds(), "refused after " + waited + " s");

        // Log out: the dashboard is closed to this browser again
        click("logout");
        assertTrue(text("notice").contains("logged out"));
        open("/dashboard");
        landsOn("/login");

        // Ten wrong passwords: the eleventh attempt is refused even with the right one
        for (int i = 0; i < 10; i++) {
            logIn(stranger, "wrong password number " + i);
            assertEquals("The email address or the password is wrong.", text("login-error"));
        }
        logIn(stranger, PASSWORD);
        assertTrue(text("login-error").startsWith("Too many failed log-ins"), text("login-error"));
        landsOn("/login");
    }

    private static void signUp(String email, boolean screenshots) {
        open("/signup");
        if (screenshots) {
            shoot("signup");
        }
        waitFor("email").sendKeys(email);
        waitFor("password").sendKeys(PASSWORD);
        waitFor("confirm").sendKeys(PASSWORD);
        click("signup-submit");
        assertTrue(text("notice").startsWith("Thank you."), text("notice"));
        if (screenshots) {
            shoot("login");
        }
    }

    private static void logIn(String email, String password) {
        if (!driver.getCurrentUrl().endsWith("/login") || driver.findElements(By.id("email")).isEmpty()) {
            open("/login");
        }
        WebElement field = waitFor("email");
        field.clear();
        field.sendKeys(email);
        waitFor("password").sendKeys(password);
        click("login-submit");
    }

    /** Waits for the browser to arrive where a form post leads (the click returns before the next page loads). */
    private static void landsOn(String path) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected to land on " + path + ", still on " + driver.getCurrentUrl(), e);
        }
    }

    private static void open(String path) {
        driver.get(PORTAL + path);
    }

    private static void click(String id) {
        // Every button the test clicks posts a form: the click returns before the next page is there, so wait until
        // the old page is gone, lest the next lookup find an element of it (the same id is often on both pages)
        WebElement page = driver.findElement(By.tagName("html"));
        waitFor(id).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> gone(page));
    }

    /** True once an element of the old page is no longer in the document (Chromium says so in one of two ways). */
    private static boolean gone(WebElement element) {
        try {
            element.getTagName();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static String text(String id) {
        return waitFor(id).getText().strip();
    }

    private static WebElement waitFor(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(120))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /** Replaces a key's text on screen before a screenshot that goes into the repository. */
    private static void hideSecret() {
        ((JavascriptExecutor) driver).executeScript("""
                document.querySelectorAll('#new-key, #api-key').forEach(function (field) {
                  field.value = 'tn_live_' + '•'.repeat(40);
                });""");
    }

    /** The page at desktop and at phone width, whole (the window grows to the page's height). */
    private static void shoot(String name) {
        for (var size : List.of(new int[] { 1280, 900, 0 }, new int[] { 390, 844, 1 })) {
            driver.manage().window().setSize(new Dimension(size[0], size[1]));
            long height = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return Math.ceil(document.documentElement.scrollHeight);");
            driver.manage().window().setSize(new Dimension(size[0], (int) Math.min(Math.max(height + 160, size[1]), 4000)));
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            try {
                Files.copy(file, SCREENSHOTS.resolve(name + (size[2] == 0 ? "-desktop" : "-phone") + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException("could not save the screenshot " + name, e);
            }
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** A video the stand-in makes up for any id 7399 + 15 digits: never cached, so always charged. */
    private static String freshVideo() {
        return "https://www.tiktok.com/@loadtest/video/7399"
                + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    private static HttpResponse<String> subtitle(String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/tiktok/subtitle"))
                .header("Content-Type", "application/json").header("API-KEY", key)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + freshVideo() + "\",\"format\":\"srt\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A free call that still needs a valid key: the balance. */
    private static HttpResponse<String> keyCheck(String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/account/credits"))
                .header("API-KEY", key).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form post with this browser's cookies and the CSRF token of its current page. */
    private static HttpResponse<String> postAsThisBrowser(String path, String... fields)
            throws IOException, InterruptedException {
        open("/dashboard");
        String token = driver.findElement(By.name("csrf_token")).getDomProperty("value");
        StringBuilder cookies = new StringBuilder();
        for (Cookie cookie : driver.manage().getCookies()) {
            cookies.append(cookie.getName()).append('=').append(cookie.getValue()).append("; ");
        }
        StringBuilder form = new StringBuilder("csrf_token=").append(java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.append('&').append(fields[i]).append('=').append(fields[i + 1]);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(PORTAL + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies.toString())
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void grant(String account, long credits) throws IOException, InterruptedException {
        String token = Files.readString(ADMIN_TOKEN).strip();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(BILLING + "/admin/v1/accounts/" + account + "/credits"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":" + credits + ",\"reason\":\"portal test\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
