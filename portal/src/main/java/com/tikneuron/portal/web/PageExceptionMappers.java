package com.tikneuron.portal.web;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.tikneuron.portal.PortalConfig;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Error pages: never a stack trace, never a 500 for a visitor's mistake. */
public class PageExceptionMappers {

    private static final Logger LOG = Logger.getLogger(PageExceptionMappers.class);

    private final Template error;
    private final WebContext web;
    private final PortalConfig config;

    public PageExceptionMappers(@Location("error.html") Template error, WebContext web, PortalConfig config) {
        this.error = error;
        this.web = web;
        this.config = config;
    }

    @ServerExceptionMapper
    public Response loginRequired(LoginRequired e) {
        return Response.seeOther(URI.create("/login")).build();
    }

    @ServerExceptionMapper
    public Response page(PageException e) {
        return render(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return render(404, "Not found", "There is nothing here, or it is not yours to see.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return render(404, "Not found", "There is nothing here, or it is not yours to see.");
        }
        if (status >= 500) {
            LOG.warnf("a service the portal needs failed: %s", e.getMessage());
            return render(503, "Unavailable", "A service the portal needs did not answer. Try again in a minute.");
        }
        return render(status, "Request refused", "The request could not be handled (" + status + ").");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("portal page failed", e);
        return render(503, "Unavailable", "Something went wrong on our side. Try again in a minute.");
    }

    private Response render(int status, String title, String message) {
        String user;
        try {
            user = web.user().map(signedIn -> signedIn.email()).orElse("");
        } catch (RuntimeException e) {
            user = "";
        }
        String body = error.data(Map.of("title", title, "message", message, "status", status, "user", user,
                "csrf", web.csrfToken(), "swagger", config.publicApiUrl().replaceAll("/+$", "") + "/q/swagger-ui"))
                .render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
