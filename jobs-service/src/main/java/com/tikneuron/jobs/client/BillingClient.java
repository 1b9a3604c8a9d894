package com.tikneuron.jobs.client;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.jobs.config.JobsConfig;
import com.tikneuron.platform.ServiceCredentials;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Asks billing to settle, in the customer's favour, the holds of one run of a job that failed after it may have
 * reached the service (billing's refund route, as the gateway does for a synchronous call). Idempotent, so retried.
 */
@ApplicationScoped
public class BillingClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final URI url;
    private final String credential = ServiceCredentials.fromConfig().current();

    BillingClient(Vertx vertx, JobsConfig config) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(1000));
        this.url = config.billingUrl();
    }

    public Uni<Void> refund(String accountId, String callId) {
        String basePath = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : 80)
                .setURI(basePath + "/internal/v1/accounts/" + accountId + "/calls/" + callId + "/refund")
                .putHeader(ServiceCredentials.HEADER, credential)
                .putHeader("Content-Type", "application/json");
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer("{\"reason\":\"failed_to_client\"}")))
                .chain(response -> response.body().map(ignored -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException("billing answered " + response.statusCode() + " to a refund");
                    }
                    return response;
                }))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .replaceWithVoid();
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
