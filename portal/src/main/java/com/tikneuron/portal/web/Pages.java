package com.tikneuron.portal.web;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;

import com.tikneuron.portal.PortalConfig;
import com.tikneuron.portal.account.Accounts;
import com.tikneuron.portal.account.User;
import com.tikneuron.portal.account.UserStore;
import com.tikneuron.portal.billing.BillingApi;
import com.tikneuron.portal.playground.CodeSamples;
import com.tikneuron.portal.playground.Playground;
import com.tikneuron.portal.playground.Playground.Endpoint;
import com.tikneuron.portal.security.Digests;
import com.tikneuron.portal.security.PasswordPolicy;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Every page of the portal. Pages run on worker threads (blocking JDBC, blocking REST client, Argon2). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {

    private static final Pattern KEY_TEXT = Pattern.compile("tn_(live|test)_[0-9A-Za-z]{40}");
    private static final Pattern TIKTOK_URL = Pattern.compile("https?://[^\\s]{1,2000}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final int CHART_DAYS = 30;
    private static final int USAGE_PAGE = 20;
    private static final Map<String, String> NOTICES = Map.of(
            "signed-up", "Thank you. If the address was not registered yet, its account is ready: log in with it.",
            "revoked", "The key is revoked. Calls with it are refused within 30 seconds.",
            "logged-out", "You are logged out.",
            "logged-out-everywhere", "Every session of your account has ended, this one included.");

    private final WebContext web;
    private final Accounts accounts;
    private final UserStore store;
    private final BillingApi billing;
    private final Playground playground;
    private final PortalConfig config;
    private final Template home;
    private final Template signup;
    private final Template login;
    private final Template dashboard;
    private final Template keyCreated;
    private final Template key;
    private final Template usage;
    private final Template playgroundPage;

    public Pages(WebContext web, Accounts accounts, UserStore store, @RestClient BillingApi billing,
            Playground playground, PortalConfig config, @Location("home.html") Template home,
            @Location("signup.html") Template signup, @Location("login.html") Template login,
            @Location("dashboard.html") Template dashboard, @Location("key-created.html") Template keyCreated,
            @Location("key.html") Template key, @Location("usage.html") Template usage,
            @Location("playground.html") Template playgroundPage) {
        this.web = web;
        this.accounts = accounts;
        this.store = store;
        this.billing = billing;
        this.playground = playground;
        this.config = config;
        this.home = home;
        this.signup = signup;
        this.login = login;
        this.dashboard = dashboard;
        this.keyCreated = keyCreated;
        this.key = key;
        this.usage = usage;
        this.playgroundPage = playgroundPage;
    }

    @GET
    public Response home() {
        if (web.user().isPresent()) {
            return redirect("/dashboard");
        }
        return render(200, home, Map.of());
    }

    @GET
    @Path("signup")
    public Response signupForm() {
        return render(200, signup, Map.of("email", "", "errors", Map.of()));
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUp(@FormParam("csrf_token") String csrf, @FormParam("email") String email,
            @FormParam("password") String password, @FormParam("confirm") String confirm) {
        web.requireCsrf(csrf);
        Map<String, String> errors = new HashMap<>();
        String normalised = Accounts.normalise(email);
        if (normalised == null) {
            errors.put("email", "Enter an email address, like name@example.com.");
        }
        PasswordPolicy.problem(password, normalised).ifPresent(problem -> errors.put("password", problem));
        if (password != null && !password.equals(confirm)) {
            errors.put("confirm", "The two passwords differ.");
        }
        if (!errors.isEmpty()) {
            return render(400, signup, Map.of("email", email == null ? "" : email.strip(), "errors", errors));
        }
        accounts.signUp(normalised, password);
        return redirect("/login?notice=signed-up");
    }

    @GET
    @Path("login")
    public Response loginForm(@QueryParam("notice") String notice) {
        if (web.user().isPresent()) {
            return redirect("/dashboard");
        }
        return render(200, login, Map.of("email", "", "notice", NOTICES.getOrDefault(notice == null ? "" : notice, ""),
                "error", ""));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logIn(@FormParam("csrf_token") String csrf, @FormParam("email") String email,
            @FormParam("password") String password) {
        web.requireCsrf(csrf);
        String normalised = Accounts.normalise(email);
        Accounts.LoginResult result = accounts.logIn(normalised == null ? (email == null ? "" : email.strip()) : normalised,
                password, web.clientAddress());
        String shown = email == null ? "" : email.strip();
        return switch (result.outcome()) {
            case SIGNED_IN -> {
                web.startSession(result.user());
                yield redirect("/dashboard");
            }
            case THROTTLED -> render(429, login, Map.of("email", shown, "notice", "", "error",
                    "Too many failed log-ins. Wait " + config.loginWindow().toMinutes() + " minutes and try again."));
            case WRONG -> render(401, login, Map.of("email", shown, "notice", "",
                    "error", "The email address or the password is wrong."));
        };
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logOut(@FormParam("csrf_token") String csrf) {
        web.requireCsrf(csrf);
        web.endSession();
        return redirect("/login?notice=logged-out");
    }

    @POST
    @Path("logout-everywhere")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logOutEverywhere(@FormParam("csrf_token") String csrf) {
        web.requireCsrf(csrf);
        User user = web.requireUser();
        store.deleteSessions(user.id());
        web.endSession();
        return redirect("/login?notice=logged-out-everywhere");
    }

    @GET
    @Path("dashboard")
    public Response dashboard(@QueryParam("notice") String notice) {
        User user = web.requireUser();
        BillingApi.Account account = billing.account(user.accountId());
        List<BillingApi.Key> keys = billing.keys(user.accountId()).data();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UsageChart chart = UsageChart.of(billing.daily(user.accountId(), CHART_DAYS).data(), today, CHART_DAYS);
        Map<String, Object> data = new HashMap<>();
        data.put("account", account);
        data.put("apiKeys", keys);
        data.put("chart", chart);
        data.put("notice", NOTICES.getOrDefault(notice == null ? "" : notice, ""));
        data.put("sessions", store.activeSessions(user.id()));
        data.put("apiUrl", config.publicApiUrl());
        return render(200, dashboard, data);
    }

    @POST
    @Path("keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createKey(@FormParam("csrf_token") String csrf, @FormParam("mode") String mode,
            @FormParam("name") String name) {
        web.requireCsrf(csrf);
        User user = web.requireUser();
        if (!"live".equals(mode) && !"test".equals(mode)) {
            throw new PageException(400, "Choose a mode", "A key is either live (charged) or test (free, fixtures only).");
        }
        String label = name == null ? "" : name.strip();
        if (label.length() > 100) {
            throw new PageException(400, "Name too long", "A key's name may have at most 100 characters.");
        }
        BillingApi.NewKey created = billing.issue(user.accountId(), new BillingApi.KeyRequest(mode, label));
        return render(201, keyCreated, Map.of("key", created, "rotated", ""));
    }

    @GET
    @Path("keys/{keyId}")
    public Response keyPage(@RestPath String keyId) {
        User user = web.requireUser();
        return render(200, key, Map.of("key", ownKey(user, keyId)));
    }

    @POST
    @Path("keys/{keyId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("csrf_token") String csrf, @RestPath String keyId) {
        web.requireCsrf(csrf);
        User user = web.requireUser();
        try {
            billing.revoke(user.accountId(), keyId);
        } catch (WebApplicationException e) {
            throw e.getResponse().getStatus() == 404 ? PageException.notFound() : e;
        }
        return redirect("/dashboard?notice=revoked");
    }

    @POST
    @Path("keys/{keyId}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@FormParam("csrf_token") String csrf, @RestPath String keyId,
            @FormParam("grace") String grace) {
        web.requireCsrf(csrf);
        User user = web.requireUser();
        Duration period = switch (grace == null ? "" : grace) {
            case "0" -> Duration.ZERO;
            case "1h" -> Duration.ofHours(1);
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            default -> throw new PageException(400, "Choose a grace period",
                    "Pick how long the old key keeps working: now, 1 hour, 24 hours or 7 days.");
        };
        BillingApi.Rotated rotated;
        try {
            rotated = billing.rotate(user.accountId(), keyId, new BillingApi.RotateRequest(period.toSeconds(), null));
        } catch (WebApplicationException e) {
            throw e.getResponse().getStatus() == 404 ? PageException.notFound() : e;
        }
        return render(201, keyCreated, Map.of("key", rotated.key(), "rotated", rotated.previous().prefix()));
    }

    @GET
    @Path("usage")
    public Response usagePage(@QueryParam("starting_after") String startingAfter) {
        User user = web.requireUser();
        String cursor = startingAfter == null || !CURSOR.matcher(startingAfter).matches() ? null : startingAfter;
        BillingApi.UsagePage page;
        try {
            page = billing.usage(user.accountId(), USAGE_PAGE, cursor);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 400) {
                return redirect("/usage");
            }
            throw e;
        }
        String next = page.hasMore() && !page.data().isEmpty() ? page.data().get(page.data().size() - 1).id() : "";
        return render(200, usage, Map.of("rows", page.data(), "next", next, "first", cursor == null));
    }

    @GET
    @Path("playground")
    public Response playgroundForm() {
        User user = web.requireUser();
        return render(200, playgroundPage, playgroundData(user, "subtitle",
                "https://www.tiktok.com/@username/video/7354861484037524768", "srt", "bulletpoint", null, null, ""));
    }

    @POST
    @Path("playground")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response runPlayground(@FormParam("csrf_token") String csrf, @FormParam("api_key") String apiKey,
            @FormParam("endpoint") String endpointName, @FormParam("url") String url,
            @FormParam("format") String format, @FormParam("summary_type") String summaryType) {
        web.requireCsrf(csrf);
        User user = web.requireUser();
        Endpoint endpoint = Endpoint.fromWire(endpointName);
        String option = endpoint == Endpoint.SUMMARIZE ? summaryType : format;
        String shownUrl = url == null ? "" : url.strip();
        String error = "";
        if (endpoint == null) {
            error = "Choose an endpoint.";
        } else if (!TIKTOK_URL.matcher(shownUrl).matches()) {
            error = "Paste the address of a TikTok video, starting with https://.";
        } else if (!endpoint.accepts(option)) {
            error = "Choose one of the options offered.";
        } else if (apiKey == null || !KEY_TEXT.matcher(apiKey.strip()).matches() || !ownActiveKey(user, apiKey.strip())) {
            error = "That is not an active key of this account. Paste a key you created here (or create one).";
        }
        if (!error.isEmpty()) {
            return render(400, playgroundPage, playgroundData(user, endpointName, shownUrl, format, summaryType, null,
                    null, error));
        }
        Map<String, String> body = CodeSamples.body(shownUrl, endpoint.option, option);
        Playground.Result result = playground.run(endpoint, body, apiKey.strip());
        return render(200, playgroundPage, playgroundData(user, endpoint.wire, shownUrl, format, summaryType, result,
                CodeSamples.of(config.publicApiUrl(), endpoint.path, body), ""));
    }

    private Map<String, Object> playgroundData(User user, String endpoint, String url, String format,
            String summaryType, Playground.Result result, CodeSamples samples, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("account", billing.account(user.accountId()));
        data.put("endpoint", endpoint == null ? "subtitle" : endpoint);
        data.put("url", url);
        data.put("format", format == null ? "srt" : format);
        data.put("summaryType", summaryType == null ? "bulletpoint" : summaryType);
        data.put("result", result);
        data.put("samples", samples);
        data.put("error", error);
        return data;
    }

    /** True when the key text is an active key of the user's own account (asked of billing by its digest). */
    private boolean ownActiveKey(User user, String keyText) {
        try {
            BillingApi.KeyLookup found = billing.lookup(Digests.sha256Hex(keyText));
            return user.accountId().equals(found.accountId()) && "active".equals(found.status());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return false;
            }
            throw e;
        }
    }

    private BillingApi.Key ownKey(User user, String keyId) {
        try {
            return billing.key(user.accountId(), keyId);
        } catch (WebApplicationException e) {
            throw e.getResponse().getStatus() == 404 ? PageException.notFound() : e;
        }
    }

    private Response render(int status, Template template, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("csrf", web.csrfToken());
        all.put("user", web.user().map(User::email).orElse(""));
        all.put("swagger", config.publicApiUrl().replaceAll("/+$", "") + "/q/swagger-ui");
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(template.data(all).render()).build();
    }

    private static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
