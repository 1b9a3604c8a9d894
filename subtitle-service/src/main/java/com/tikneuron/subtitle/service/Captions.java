package com.tikneuron.subtitle.service;

import java.util.List;

import com.tikneuron.subtitle.caption.TrackDescriptor;

/** What the caption cache knows about one (video, language) request. */
public sealed interface Captions {

    /** A track: its identity, TikTok's bytes, and every usable track the video lists. */
    record Track(String videoId, TrackDescriptor track, byte[] content, List<TrackDescriptor> available) implements Captions {
    }

    /** The video has no usable track for the request (remembered only briefly). */
    record None() implements Captions {
    }

    /** Not known yet: TikTok must be asked. */
    record Unknown() implements Captions {
    }
}
