package com.tikneuron.subtitle.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.MadeMeanwhileException;
import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.ProcessingFailedException;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.subtitle.caption.Cue;
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackSources;
import com.tikneuron.subtitle.client.OnScreenText;
import com.tikneuron.subtitle.client.OnScreenTextClient;
import com.tikneuron.subtitle.client.SpeechRejectedException;
import com.tikneuron.subtitle.tiktok.VideoItem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Subtitles from the text a post shows on screen (diarization-service's OCR), the last source of {@code mode: auto}
 * after TikTok's tracks and our speech recognition found no words, as paid work on the shared protocol. Priced as a
 * generated transcript: the price per started minute (a photo post: one minute) is held before the reading, captured
 * when the post has text, and voided on every failure and when it has none. A reading made before, for any customer,
 * is answered free (the hold is voided). The slides of a photo post are sent straight from the page this request
 * fetched: their URLs are signed and expire.
 */
@ApplicationScoped
public class OnScreenTextSubtitleService {

    private static final Logger LOG = Logger.getLogger(OnScreenTextSubtitleService.class);

    private final OnScreenTextClient onScreenText;
    private final PaidCapability paid;
    private final GeneratedSubtitleService generated;
    private final ObjectMapper mapper;
    // Readings by result: cached, no_text or charged.
    private final MeterProvider<Counter> readings;

    public OnScreenTextSubtitleService(OnScreenTextClient onScreenText, PaidCapability paid,
            GeneratedSubtitleService generated, ObjectMapper mapper, MeterRegistry meters) {
        this.readings = Counter.builder("tikneuron.subtitle.on_screen_text").withRegistry(meters);
        this.onScreenText = onScreenText;
        this.paid = paid;
        this.generated = generated;
        this.mapper = mapper;
    }

    public Uni<SubtitleResult> subtitle(SubtitleRequest request, String videoId, VideoPage page) {
        return paid.run(new ReadingWork(request, videoId, page), request.caller())
                .map(settled -> {
                    if (settled.cached()) {
                        count("cached");
                    }
                    return result(request, settled.value(), settled.cached(), settled.creditsCharged(),
                            settled.creditsRemaining());
                });
    }

    /**
     * One post's on-screen text as paid work. The reading service has no look-up without reading, so a reading made
     * before is found by the work itself; the page, read before the hold, tells the price.
     */
    private final class ReadingWork extends KeptElsewhereWork<OnScreenText> {

        private final SubtitleRequest request;
        private final VideoPage page;
        private VideoItem item;
        private boolean photoPost;

        ReadingWork(SubtitleRequest request, String videoId, VideoPage page) {
            super(videoId, "on-screen|" + videoId, generated.price(60));
            this.request = request;
            this.page = page;
        }

        @Override
        public Uni<OnScreenText> lookup() {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<Integer> quote() {
            return page.item().map(fetched -> {
                boolean photo = fetched.photoPost() && !fetched.images().isEmpty();
                Integer seconds = fetched.durationSeconds();
                if (!photo && (seconds == null || seconds <= 0)) {
                    throw new ProcessingFailedException("TikTok does not say how long this video is");
                }
                item = fetched;
                photoPost = photo;
                return generated.price(photo ? 60 : seconds);
            });
        }

        @Override
        public Uni<OnScreenText> work(Hold hold) {
            // No language hint: the request's language picks among TikTok's tracks, and a wrong hint would read the
            // text with the wrong pack for every later caller of the cached reading; the service tells the language.
            Uni<OnScreenText> reading = photoPost
                    ? onScreenText.read(videoId(), request.caller().correlationId(), item.images(),
                            item.durationSeconds() == null ? null : item.durationSeconds().doubleValue(), null)
                    : onScreenText.read(videoId(), request.caller().correlationId(), null, null, null);
            return reading.onFailure().transform(OnScreenTextSubtitleService::customerFailure).map(text -> {
                if (!text.hasText()) {
                    count("no_text");
                    throw new NoSubtitleException();
                }
                if (text.cached()) {
                    throw new MadeMeanwhileException(text);
                }
                count("charged");
                return text;
            });
        }
    }

    private SubtitleResult result(SubtitleRequest request, OnScreenText text, boolean cached, int charged,
            Integer remaining) {
        return new SubtitleResult(text.videoId(), render(text, request.format()), request.format().wireName(), cached,
                text.language(), TrackSources.ON_SCREEN_TEXT, List.of(), charged, remaining);
    }

    /** raw is the reading as JSON (docs/SUBTITLES.md); the other formats have one cue per text block or slide. */
    String render(OnScreenText text, SubtitleFormat format) {
        return SubtitleRenderer.render(mapper, format, () -> raw(text), () -> cues(text));
    }

    private static List<Cue> cues(OnScreenText text) {
        return text.cues() == null ? List.of()
                : text.cues().stream().map(c -> new Cue(c.start(), c.end(), c.text())).toList();
    }

    private static Map<String, Object> raw(OnScreenText text) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("video_id", text.videoId());
        raw.put("source", TrackSources.ON_SCREEN_TEXT);
        raw.put("engine", text.engine());
        raw.put("kind", text.kind());
        raw.put("language", text.language());
        raw.put("languages", text.languages() == null ? List.of() : text.languages());
        raw.put("duration", text.duration());
        raw.put("text", text.text());
        raw.put("cues", text.cues() == null ? List.of() : text.cues());
        return raw;
    }

    /** diarization-service's answers as the public API tells them: 422 is "no text", an outage a 503. */
    private static Throwable customerFailure(Throwable failure) {
        if (failure instanceof SpeechRejectedException rejected) {
            LOG.infof("on-screen text refused (%s): %s", rejected.errorCode(), rejected.getMessage());
            return rejected.status() == 400 ? new ProcessingFailedException(rejected.getMessage())
                    : new NoSubtitleException();
        }
        LOG.warnf("on-screen text service unavailable: %s", failure.toString());
        return new ServiceUnavailableException(GeneratedSubtitleService.UNAVAILABLE);
    }

    private void count(String result) {
        readings.withTags("result", result).increment();
    }
}
