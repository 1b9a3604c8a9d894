package com.tikneuron.diarization.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of the on-screen text reader (Tesseract over sampled frames and photo-post slides); defaults in application.properties. */
@ConfigMapping(prefix = "tikneuron.ocr")
public interface OcrConfig {

    /** The tesseract binary; the system's by default. */
    String tesseract();

    /** The ffprobe binary, which reads a file's streams and an image's size without decoding it. */
    String ffprobe();

    /** Tesseract language packs that must be installed, in Tesseract's codes; a language hint outside them is refused. */
    List<String> languages();

    /** One frame is sampled this often (longer videos are sampled more sparsely to stay within {@link #maxFrames()}). */
    Duration frameInterval();

    /** Most frames sampled from one video. */
    int maxFrames();

    /** Sampled frames are scaled down to this width (text stays readable, Tesseract's memory stays bounded). */
    int frameWidth();

    /**
     * A frame whose 32×32 grid of mean grey levels differs from the last frame read by less than this (0-255) in
     * every cell counts as unchanged and is not read again.
     */
    double changeThreshold();

    /** Most slides read from one photo post; TikTok allows 35. */
    int maxImages();

    /** A slide image larger than this is refused while it downloads. */
    long maxImageBytes();

    /** A slide image whose header declares more pixels than this is refused before it is decoded. */
    long maxImagePixels();

    /** Longest one slide image may take to download. */
    Duration imageTimeout();

    /** Host suffixes of TikTok's image CDN: a slide URL on any other host is refused before any request. */
    List<String> imageHosts();

    /**
     * Tests and offline stacks only: send every slide request to this stand-in origin, naming the real host in
     * X-Forwarded-Host. Refused at start outside the profiles standin, dev and test.
     */
    Optional<URI> imageOrigin();

    /** How long each slide of a photo post counts as shown when the caller does not give the post's duration. */
    Duration slideSeconds();

    /** Words Tesseract is less sure of than this (0-100) are dropped. */
    int minConfidence();

    /** Fewer characters (letters and digits) than this in all the text together count as no text at all. */
    int minCharacters();

    /** Longest one reading may take from queueing to result. */
    Duration jobTimeout();

    /** Longest one Tesseract or ffmpeg process may run. */
    Duration processTimeout();

    /** Address space one Tesseract process may use (enforced with prlimit where the system has it). */
    long processMemory();
}
