package com.tikneuron.subtitle.service;

import com.tikneuron.paid.NoResultException;

/**
 * The video has no words from the source asked (no caption track in the requested language, no speech, no on-screen
 * text): 404 no_subtitle_available, never charged; in {@code mode: auto} the next source is asked.
 */
public class NoSubtitleException extends NoResultException {

    public static final String MESSAGE = "No subtitle available for this video";

    public NoSubtitleException() {
        super(MESSAGE);
    }
}
