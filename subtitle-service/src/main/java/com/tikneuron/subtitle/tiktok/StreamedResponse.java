package com.tikneuron.subtitle.tiktok;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/** A response whose body arrives as it streams in (capped); {@code discard} drops it without reading. */
public record StreamedResponse(int status, Map<String, List<String>> headers, Long contentLength, Multi<Buffer> body,
        Runnable discard) {
}
