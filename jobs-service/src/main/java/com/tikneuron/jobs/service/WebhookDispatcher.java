package com.tikneuron.jobs.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.jobs.config.JobsConfig;
import com.tikneuron.jobs.repository.WebhookRepository;
import com.tikneuron.jobs.repository.WebhookRepository.DueEvent;
import com.tikneuron.jobs.webhook.SecretSealer;
import com.tikneuron.jobs.webhook.WebhookAddresses;
import com.tikneuron.jobs.webhook.WebhookSignatures;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Delivers due webhook events: POST of the event's JSON, signed with the account's secret, to the address the URL
 * resolves to now (checked again, so a name that moved to a private address is refused), redirects not followed.
 * A 2xx within the timeout is delivered; anything else is tried again after the next configured delay, and given up
 * once the delays are spent. Every attempt is recorded and listed on the job.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    private static final int MAX_ERROR_LENGTH = 200;

    private final WebhookRepository repository;
    private final WebhookAddresses addresses;
    private final SecretSealer sealer;
    private final MeterRegistry registry;
    private final Duration timeout;
    private final List<Duration> retryDelays;
    private final HttpClient client;
    private final Timer latency;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean more;

    WebhookDispatcher(WebhookRepository repository, WebhookAddresses addresses, SecretSealer sealer,
            MeterRegistry registry, JobsConfig config, Vertx vertx) {
        this.repository = repository;
        this.addresses = addresses;
        this.sealer = sealer;
        this.registry = registry;
        this.timeout = config.webhooks().timeout();
        this.retryDelays = config.webhooks().retryDelays();
        // From the end of the job (the event's creation) to the receiver's 2xx: docs/BENCHMARKS.md reads it
        this.latency = Timer.builder("tikneuron.webhooks.delivery.latency").publishPercentiles(0.5, 0.99)
                .description("From a job's end to its webhook's delivery").register(registry);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setIdleTimeout((int) timeout.toSeconds() + 1)
                .setKeepAlive(false)
                .setTrustAll(false)
                .setVerifyHost(true));
    }

    @Scheduled(every = "${tikneuron.jobs.webhooks.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        drain();
    }

    /** A job with a webhook has just ended: deliver now rather than at the next poll. */
    public void nudge() {
        Infrastructure.getDefaultWorkerPool().execute(this::drain);
    }

    // One drain at a time per replica; a nudge during a drain makes it look again before it stops.
    private void drain() {
        more = true;
        while (more && draining.compareAndSet(false, true)) {
            try {
                more = false;
                deliverOnce();
            } finally {
                draining.set(false);
            }
        }
    }

    private void deliverOnce() {
        List<DueEvent> due = repository.takeDue(BATCH, timeout.multipliedBy(3)).await().indefinitely();
        if (due.isEmpty()) {
            return;
        }
        List<Uni<Void>> deliveries = new ArrayList<>(due.size());
        for (DueEvent event : due) {
            deliveries.add(deliver(event));
        }
        Uni.join().all(deliveries).andCollectFailures().onFailure().recoverWithNull().await().indefinitely();
    }

    private Uni<Void> deliver(DueEvent event) {
        int attempt = event.attempts() + 1;
        long started = System.nanoTime();
        WebhookAddresses.Target target;
        Optional<byte[]> sealed;
        try {
            target = addresses.resolve(event.url());
            sealed = repository.sealedSecret(event.accountId()).await().indefinitely();
        } catch (WebhookAddresses.RefusedUrlException e) {
            return record(event, attempt, null, "refused address: " + e.getMessage(), started);
        }
        if (sealed.isEmpty()) {
            return record(event, attempt, null, "no signing secret: create one with POST /api/v1/webhooks/secret",
                    started);
        }
        String secret = sealer.open(event.accountId(), sealed.get());
        long now = Instant.now().getEpochSecond();
        String path = target.url().getRawPath() == null || target.url().getRawPath().isEmpty() ? "/"
                : target.url().getRawPath();
        if (target.url().getRawQuery() != null) {
            path += "?" + target.url().getRawQuery();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.url().getHost())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(path)
                .setFollowRedirects(false)
                .setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "TikNeuron-Webhooks/1")
                .putHeader(WebhookSignatures.EVENT_ID_HEADER, event.id())
                .putHeader(WebhookSignatures.SIGNATURE_HEADER, WebhookSignatures.header(secret, now, event.payload()));
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(event.payload())))
                .chain(response -> response.body().replaceWith(response.statusCode()))
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((status, failure) -> failure != null
                        ? record(event, attempt, null, failure.getClass().getSimpleName() + ": " + failure.getMessage(), started)
                        : record(event, attempt, status, null, started));
    }

    private Uni<Void> record(DueEvent event, int attempt, Integer status, String error, long started) {
        boolean delivered = status != null && status >= 200 && status < 300;
        Duration retryIn = delivered || attempt > retryDelays.size() ? null : retryDelays.get(attempt - 1);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (delivered) {
            latency.record(Duration.between(event.createdAt().toInstant(), Instant.now()));
        }
        registry.counter("tikneuron.webhooks.attempts", "outcome",
                delivered ? "delivered" : retryIn == null ? "given_up" : "retry").increment();
        if (!delivered) {
            LOG.infof("webhook %s (%s) attempt %d not delivered: %s", event.id(), event.type(), attempt,
                    status != null ? "status " + status : error);
        }
        String shortError = error == null ? null
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return repository.recordAttempt(event.id(), attempt, status, shortError, millis, delivered, retryIn);
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
