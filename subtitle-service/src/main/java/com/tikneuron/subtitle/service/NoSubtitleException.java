package com.tikneuron.subtitle.service;

/** The video has no caption track (in the requested language). */
public class NoSubtitleException extends RuntimeException {

    public NoSubtitleException() {
        super("No subtitle available for this video", null, false, false);
    }
}
