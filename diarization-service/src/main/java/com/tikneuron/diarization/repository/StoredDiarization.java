package com.tikneuron.diarization.repository;

import java.util.List;

import com.tikneuron.diarization.engine.Segment;

/** A cached diarization: the video, the engine that made it and its speaker turns. */
public record StoredDiarization(String videoId, String engineId, List<Segment> segments) {
}
