package com.tikneuron.gateway.client;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.error.ServiceUnavailableException;
import com.tikneuron.platform.ServiceCredentials;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Forwards the jobs API to jobs-service with the caller the gateway authenticated (X-Account-Id, X-Key-Mode) and the
 * service credential, which is what makes jobs-service believe those headers. Never retried (a POST creates jobs; a
 * client retries safely with Idempotency-Key); a 5xx or no answer is the gateway's 503.
 */
@ApplicationScoped
public class JobsClient {

    private static final String SERVICE = "jobs-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI url;
    private final String credential = ServiceCredentials.fromConfig().current();

    JobsClient(Vertx vertx, @ConfigProperty(name = "tikneuron.jobs.url") URI url) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(1000));
        this.url = url;
    }

    /** jobs-service's answer to {@code method pathAndQuery} (a path under /api/v1/), for the given caller. */
    public Uni<DownstreamReply> send(HttpMethod method, String pathAndQuery, Caller caller, String requestId,
            byte[] body) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : 80)
                .setURI(pathAndQuery)
                .putHeader(CapabilityHeaders.ACCOUNT_ID, caller.accountId())
                .putHeader(CapabilityHeaders.KEY_MODE, caller.mode())
                .putHeader(CapabilityHeaders.REQUEST_ID, requestId)
                .putHeader(ServiceCredentials.HEADER, credential)
                .putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return client.request(options)
                .chain(request -> (body == null ? request.send() : request.send(Buffer.buffer(body)))
                        .chain(response -> response.body().map(read -> {
                            if (response.statusCode() >= 500) {
                                throw new DownstreamFailureException(SERVICE, response.statusCode());
                            }
                            return new DownstreamReply(response.statusCode(), response.getHeader("Content-Type"),
                                    null, null, read.getBytes());
                        })))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(failure -> new ServiceUnavailableException(SERVICE, failure));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
