package com.tikneuron.subtitle.service;

/** A video's media bytes and their type. */
public record MediaFile(String contentType, byte[] bytes) {
}
