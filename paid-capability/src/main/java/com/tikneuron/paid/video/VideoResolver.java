package com.tikneuron.paid.video;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.ProcessingFailedException;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.UpstreamRejectedException;

import io.smallrye.mutiny.Uni;

/**
 * A TikTok URL resolved to its video id by subtitle-service, the only service that reaches TikTok, with its answers
 * told as the public contract tells them: an invalid URL is a 422 on {@code url}, an unavailable video a
 * processing failure, and an outage (after the retries of {@link ResolveApi}) a 503. All of it happens before a hold.
 */
@ApplicationScoped
public class VideoResolver {

    public static final String INVALID_URL = "Please provide a valid TikTok URL.";
    static final String UNAVAILABLE = "This video is not available";
    static final String OUTAGE = "The subtitle service is unavailable, please retry later";

    private static final Logger LOG = Logger.getLogger(VideoResolver.class);

    private final ResolveApi api;

    public VideoResolver(@RestClient ResolveApi api) {
        this.api = api;
    }

    /** The video id of {@code url}. */
    public Uni<String> videoId(String url) {
        return api.resolve(new ResolveApi.Request(url))
                .map(ResolveApi.Resolved::videoId)
                .onFailure().transform(VideoResolver::customerFailure);
    }

    private static Throwable customerFailure(Throwable failure) {
        if (failure instanceof UpstreamRejectedException rejected) {
            return "invalid_url".equals(rejected.errorCode())
                    ? new InvalidRequestException(Map.of("url", List.of(INVALID_URL)))
                    : new ProcessingFailedException(rejected.getMessage());
        }
        LOG.errorf("subtitle-service unavailable: %s", failure.toString());
        return new ServiceUnavailableException(OUTAGE);
    }
}
