package com.tikneuron.summary.engine;

import com.tikneuron.summary.client.Transcript;
import com.tikneuron.summary.client.VideoMetadata;

/** Everything an engine needs to summarise one video; metadata may be null when it could not be fetched. */
public record SummaryJob(String videoId, SummaryType type, String language, Transcript transcript, VideoMetadata metadata) {
}
