package com.tikneuron.jobs.client;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.jobs.config.JobsConfig;
import com.tikneuron.jobs.job.JobType;
import com.tikneuron.platform.CallIds;
import com.tikneuron.platform.ServiceCredentials;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Runs a job through the capability service's route exactly as the gateway forwards a synchronous call
 * (contracts/capability-api.md): the same headers, the service credential, the account and key mode the gateway
 * vouched for when the job was accepted, the job id as the request id and a call id derived from the job. Never
 * retried here: JobRunner decides, after asking billing to settle the failed run.
 */
@ApplicationScoped
public class CapabilityClient {

    private static final String JSON = "application/json";

    private record Target(URI url, Duration timeout) {
    }

    private final HttpClient client;
    private final Map<JobType, Target> targets = new EnumMap<>(JobType.class);
    private final String credential = ServiceCredentials.fromConfig().current();

    CapabilityClient(Vertx vertx, JobsConfig config) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(1000),
                new PoolOptions().setHttp1MaxSize(64));
        for (JobType type : JobType.values()) {
            JobsConfig.Capability settings = config.capability().get(type.value());
            if (settings == null) {
                throw new IllegalStateException("tikneuron.jobs.capability." + type.value() + " is not configured");
            }
            targets.put(type, new Target(settings.url(), settings.timeout()));
        }
    }

    /** The service's answer (any status below 500), or a TransientFailureException. */
    public Uni<CapabilityReply> call(JobType type, String accountId, String keyMode, String jobId, String callId,
            String body) {
        Target target = targets.get(type);
        URI url = target.url();
        String basePath = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : 80)
                .setURI(basePath + "/api/v1/tiktok/" + type.value())
                .putHeader("X-Account-Id", accountId)
                .putHeader("X-Key-Mode", keyMode)
                .putHeader("X-Request-Id", jobId)
                .putHeader(CallIds.HEADER, callId)
                .putHeader(ServiceCredentials.HEADER, credential)
                .putHeader("Content-Type", JSON)
                .putHeader("Accept", JSON);
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(body))
                        .chain(response -> response.body().map(read -> {
                            if (response.statusCode() >= 500) {
                                throw new TransientFailureException(type.service() + " answered " + response.statusCode(),
                                        null);
                            }
                            return new CapabilityReply(response.statusCode(), read.toString(),
                                    credits(response.getHeader("X-Credits-Charged")));
                        }))
                        .ifNoItem().after(target.timeout()).failWith(() -> {
                            request.reset();
                            return new TransientFailureException(type.service() + " did not answer within "
                                    + target.timeout(), null);
                        }))
                .onFailure(failure -> !(failure instanceof TransientFailureException))
                .transform(failure -> new TransientFailureException(type.service() + " unreachable", failure));
    }

    private static int credits(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
