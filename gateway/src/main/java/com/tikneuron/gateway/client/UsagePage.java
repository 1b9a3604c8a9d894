package com.tikneuron.gateway.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One page of usage history, newest first; the public usage route answers with the same shape. */
@JsonPropertyOrder({ "object", "data", "has_more" })
public record UsagePage(String object, List<Entry> data, @JsonProperty("has_more") boolean hasMore) {

    /** One request as it ended for billing. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "id", "created_at", "capability", "video_id", "credits", "status", "mode", "request_id" })
    public record Entry(
            String id,
            @JsonProperty("created_at") String createdAt,
            String capability,
            @JsonProperty("video_id") String videoId,
            long credits,
            String status,
            String mode,
            @JsonProperty("request_id") String requestId) {
    }
}
