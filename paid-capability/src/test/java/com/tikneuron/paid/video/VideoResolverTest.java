package com.tikneuron.paid.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tikneuron.paid.BillingResource;
import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.ProcessingFailedException;
import com.tikneuron.paid.ServiceUnavailableException;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The resolver against a stand-in of subtitle-service's resolve route: answers, refusals, outages and retries. */
@QuarkusTest
@WithTestResource(BillingResource.class)
@WithTestResource(SubtitleResolveStandIn.class)
class VideoResolverTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    VideoResolver resolver;

    @Test
    void aVideoUrlResolvesToItsId() {
        String url = "https://www.tiktok.com/@someone/video/7354861484037524768";
        assertEquals("7354861484037524768", resolver.videoId(url).await().atMost(WAIT));
        assertEquals(1, SubtitleResolveStandIn.calls(url));
    }

    @Test
    void anInvalidUrlIsTheContractsValidationErrorOnUrlAndIsNotRetried() {
        String url = "https://example.com/not-tiktok/1";
        Throwable failure = failureOf(url);
        InvalidRequestException invalid = assertInstanceOf(InvalidRequestException.class, failure);
        assertEquals(Map.of("url", List.of(VideoResolver.INVALID_URL)), invalid.errors());
        assertEquals(1, SubtitleResolveStandIn.calls(url));
    }

    @Test
    void aRemovedVideoIsAProcessingFailureWithSubtitleServicesReason() {
        String url = "https://www.tiktok.com/@someone/video/removed/2";
        ProcessingFailedException failed = assertInstanceOf(ProcessingFailedException.class, failureOf(url));
        assertEquals("This video has been removed", failed.reason());
        assertEquals(1, SubtitleResolveStandIn.calls(url));
    }

    @Test
    void aRefusalWithoutOurErrorBodyStillSaysTheVideoIsNotAvailable() {
        String url = "https://www.tiktok.com/@someone/video/proxy/3";
        ProcessingFailedException failed = assertInstanceOf(ProcessingFailedException.class, failureOf(url));
        assertEquals("This video is not available", failed.reason());
    }

    @Test
    void anOutageIsTriedThreeTimesThenAnsweredAsUnavailable() {
        String url = "https://www.tiktok.com/@someone/video/outage/4";
        ServiceUnavailableException unavailable = assertInstanceOf(ServiceUnavailableException.class, failureOf(url));
        assertEquals("The subtitle service is unavailable, please retry later", unavailable.getMessage());
        assertEquals(3, SubtitleResolveStandIn.calls(url));
    }

    private Throwable failureOf(String url) {
        return resolver.videoId(url).map(id -> (Throwable) new AssertionError("resolved to " + id))
                .onFailure().recoverWithItem(failure -> failure).await().atMost(WAIT);
    }
}
