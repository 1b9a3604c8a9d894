package com.tikneuron.summary.engine;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Turns a transcript into a summary of the requested shape and language. */
public interface SummaryEngine {

    /** Short engine name stored with each summary ("llm", "builtin"). */
    String name();

    /** The model behind the engine, for the record. */
    String model();

    /** Enters the cache key: a summary made under another version is never served. */
    String version();

    /** Why this engine cannot serve the request, checked before any credit is held; empty when it can. */
    Optional<String> refusal(SummaryType type, String language, String transcriptLanguage);

    /** The normalised summary text; for STRUCTURED a JSON object. Fails with {@link SummaryFailedException}. */
    Uni<String> summarize(SummaryJob job);
}
