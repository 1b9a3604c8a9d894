package com.tikneuron.subtitle.service;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/** A video's media as it streams from TikTok's CDN: its type, its length when TikTok says it, and the bytes. */
public record MediaFile(String contentType, Long contentLength, Multi<Buffer> body) {
}
