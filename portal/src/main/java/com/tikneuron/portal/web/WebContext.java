package com.tikneuron.portal.web;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import com.tikneuron.portal.PortalConfig;
import com.tikneuron.portal.account.User;
import com.tikneuron.portal.account.UserStore;
import com.tikneuron.portal.security.Csrf;
import com.tikneuron.portal.security.Digests;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** One page request: its cookies, its CSRF token, its signed-in user, and the cookies it sets. */
@RequestScoped
public class WebContext {

    public static final String SESSION_COOKIE = "tn_session";

    private final RoutingContext routing;
    private final Csrf csrf;
    private final UserStore store;
    private final PortalConfig config;
    private String csrfCookie;
    private Optional<User> user;

    public WebContext(RoutingContext routing, Csrf csrf, UserStore store, PortalConfig config) {
        this.routing = routing;
        this.csrf = csrf;
        this.store = store;
        this.config = config;
    }

    /** The token forms of this page carry; draws the browser's CSRF cookie when it has none. */
    public String csrfToken() {
        if (csrfCookie == null) {
            Cookie existing = routing.request().getCookie(Csrf.COOKIE);
            if (existing != null && !existing.getValue().isEmpty()) {
                csrfCookie = existing.getValue();
            } else {
                csrfCookie = Digests.randomToken();
                routing.response().addCookie(cookie(Csrf.COOKIE, csrfCookie, CookieSameSite.STRICT, -1));
            }
        }
        return csrf.tokenFor(csrfCookie);
    }

    /** Refuses the post (403) unless its form carries the token of this browser's CSRF cookie. */
    public void requireCsrf(String token) {
        Cookie cookie = routing.request().getCookie(Csrf.COOKIE);
        if (!csrf.valid(cookie == null ? null : cookie.getValue(), token)) {
            throw new PageException(403, "Form expired",
                    "This form was not sent from this site's page, or it has expired. Go back, reload the page and try again.");
        }
    }

    /** The signed-in user, if the session cookie names a live session. */
    public Optional<User> user() {
        if (user == null) {
            Cookie cookie = routing.request().getCookie(SESSION_COOKIE);
            user = cookie == null || cookie.getValue().isEmpty() ? Optional.empty()
                    : store.touchSession(Digests.sha256Hex(cookie.getValue()),
                            config.sessionIdleTimeout().toSeconds());
        }
        return user;
    }

    /** The signed-in user; a visitor is sent to the log-in page. */
    public User requireUser() {
        return user().orElseThrow(LoginRequired::new);
    }

    /** Opens a session for the user and sets its cookie. */
    public void startSession(User signedIn) {
        String token = Digests.randomToken();
        Instant end = Instant.now().plus(config.sessionAbsoluteTimeout());
        store.createSession(Digests.sha256Hex(token), signedIn.id(), end);
        routing.response().addCookie(cookie(SESSION_COOKIE, token, CookieSameSite.LAX,
                config.sessionAbsoluteTimeout().toSeconds()));
        user = Optional.of(signedIn);
    }

    /** Ends this browser's session and clears its cookie. */
    public void endSession() {
        Cookie cookie = routing.request().getCookie(SESSION_COOKIE);
        if (cookie != null) {
            store.deleteSession(Digests.sha256Hex(cookie.getValue()));
        }
        routing.response().addCookie(cookie(SESSION_COOKIE, "", CookieSameSite.LAX, 0));
        user = Optional.empty();
    }

    /** The client's address as this server sees it (the peer of the connection). */
    public String clientAddress() {
        return routing.request().remoteAddress() == null ? "unknown" : routing.request().remoteAddress().hostAddress();
    }

    private Cookie cookie(String name, String value, CookieSameSite sameSite, long maxAgeSeconds) {
        Cookie cookie = Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(sameSite)
                .setSecure(secure());
        if (maxAgeSeconds >= 0) {
            cookie.setMaxAge(maxAgeSeconds);
        }
        return cookie;
    }

    /** Secure everywhere but on the development hosts (plain HTTP on this machine). */
    private boolean secure() {
        String host = routing.request().authority() == null ? null : routing.request().authority().host();
        return host == null || !config.insecureCookieHosts().contains(host);
    }
}
