package com.tikneuron.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tikneuron.portal.account.User;
import com.tikneuron.portal.account.UserStore;
import com.tikneuron.portal.security.PasswordHasher;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Log-in, sessions, throttling and CSRF against the real portal schema in PostgreSQL. */
@QuarkusTest
class LoginTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "blue kettle on a quiet hill";

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    @Inject
    DataSource db;

    /** A browser: its CSRF cookie and the token its pages carry. */
    record Browser(String csrfCookie, String token) {
    }

    static Browser browser() {
        Response page = given().redirects().follow(false).get("/login");
        assertEquals(200, page.statusCode());
        Matcher token = TOKEN.matcher(page.body().asString());
        assertTrue(token.find(), "the log-in form carries a CSRF token");
        String cookie = page.getCookie("tn_csrf");
        assertNotNull(cookie, "the page sets the CSRF cookie");
        return new Browser(cookie, token.group(1));
    }

    private String newUser() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertTrue(store.insert(new User(UUID.randomUUID(), email, UUID.randomUUID()), hasher.hash(PASSWORD)));
        return email;
    }

    private static Response logIn(Browser browser, String email, String password) {
        return given().redirects().follow(false).cookie("tn_csrf", browser.csrfCookie())
                .formParam("csrf_token", browser.token()).formParam("email", email).formParam("password", password)
                .post("/login");
    }

    @Test
    void aRightPasswordOpensASessionWithAnHttpOnlySameSiteCookie() {
        String email = newUser();
        Response response = logIn(browser(), email, PASSWORD);
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").endsWith("/dashboard"));
        String setCookie = response.headers().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("tn_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        // Plain HTTP on localhost during development: no Secure flag there
        assertFalse(setCookie.contains("Secure"), setCookie);
        // The session is live: the log-in page sends a signed-in visitor to the dashboard
        given().redirects().follow(false).cookie("tn_session", response.getCookie("tn_session")).get("/login")
                .then().statusCode(303).header("Location", endsWith("/dashboard"));
    }

    @Test
    void cookiesAreSecureOnAnyOtherHost() {
        String email = newUser();
        Browser browser = browser();
        Response response = given().redirects().follow(false).header("Host", "portal.tikneuron.example")
                .cookie("tn_csrf", browser.csrfCookie()).formParam("csrf_token", browser.token())
                .formParam("email", email).formParam("password", PASSWORD).post("/login");
        assertEquals(303, response.statusCode());
        String setCookie = response.headers().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("tn_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("Secure"), setCookie);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        String email = newUser();
        Browser browser = browser();
        Response wrong = logIn(browser, email, "not the password at all");
        Response unknown = logIn(browser, "nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        String message = "The email address or the password is wrong.";
        assertTrue(wrong.body().asString().contains(message));
        assertTrue(unknown.body().asString().contains(message));
        assertEquals(null, wrong.getCookie("tn_session"));
    }

    @Test
    void tenWrongPasswordsStopEvenTheRightOneForTheWindow() {
        String email = newUser();
        Browser browser = browser();
        for (int i = 0; i < 10; i++) {
            assertEquals(401, logIn(browser, email, "wrong password number " + i).statusCode());
        }
        Response throttled = logIn(browser, email, PASSWORD);
        assertEquals(429, throttled.statusCode());
        assertTrue(throttled.body().asString().contains("Too many failed log-ins"));
        assertEquals(null, throttled.getCookie("tn_session"));
        // Another account from the same client is not affected by this account's throttle
        assertEquals(303, logIn(browser, newUser(), PASSWORD).statusCode());
    }

    @Test
    void aPostWithoutItsCsrfTokenIsRefused() {
        String email = newUser();
        Browser browser = browser();
        given().redirects().follow(false).cookie("tn_csrf", browser.csrfCookie())
                .formParam("email", email).formParam("password", PASSWORD).post("/login")
                .then().statusCode(403).body(containsString("Form expired"));
        // A token minted for another browser's cookie does not pass either
        Browser other = browser();
        given().redirects().follow(false).cookie("tn_csrf", browser.csrfCookie())
                .formParam("csrf_token", other.token()).formParam("email", email).formParam("password", PASSWORD)
                .post("/login").then().statusCode(403);
        // Nor does a token without its cookie
        given().redirects().follow(false).formParam("csrf_token", browser.token())
                .formParam("email", email).formParam("password", PASSWORD).post("/login").then().statusCode(403);
        for (String path : List.of("/signup", "/logout", "/logout-everywhere", "/keys", "/playground",
                "/keys/" + UUID.randomUUID() + "/revoke", "/keys/" + UUID.randomUUID() + "/rotate")) {
            given().redirects().follow(false).cookie("tn_csrf", browser.csrfCookie()).formParam("x", "y").post(path)
                    .then().statusCode(403);
        }
    }

    @Test
    void logOutEverywhereEndsEverySessionOfTheUser() {
        String email = newUser();
        Browser browser = browser();
        String first = logIn(browser, email, PASSWORD).getCookie("tn_session");
        String second = logIn(browser, email, PASSWORD).getCookie("tn_session");

        given().redirects().follow(false).cookie("tn_session", first).cookie("tn_csrf", browser.csrfCookie())
                .formParam("csrf_token", browser.token()).post("/logout-everywhere")
                .then().statusCode(303).header("Location", endsWith("/login?notice=logged-out-everywhere"));

        for (String session : List.of(first, second)) {
            given().redirects().follow(false).cookie("tn_session", session).get("/login").then().statusCode(200);
            given().redirects().follow(false).cookie("tn_session", session).get("/dashboard")
                    .then().statusCode(303).header("Location", endsWith("/login"));
        }
    }

    @Test
    void aSessionIdleForLongerThanTheTimeoutHasEnded() throws Exception {
        String email = newUser();
        String session = logIn(browser(), email, PASSWORD).getCookie("tn_session");
        given().redirects().follow(false).cookie("tn_session", session).get("/login").then().statusCode(303);
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = "
                                + "(SELECT id FROM users WHERE email = ?)")) {
            statement.setString(1, email);
            assertEquals(1, statement.executeUpdate());
        }
        given().redirects().follow(false).cookie("tn_session", session).get("/login").then().statusCode(200);
    }

    @Test
    void pagesForbidFramingAndInlineScript() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
    }
}
