package com.tikneuron.gateway.capability;

import java.util.List;

/** The three paid endpoints of the public contract, with their optional fields, defaults and allowed values. */
public enum Capability {

    SUBTITLE("subtitle", "subtitle-service", List.of(Field.FORMAT, Field.MODE)),
    SUMMARY("summarize", "summary-service", List.of(Field.SUMMARY_TYPE, Field.LANGUAGE, Field.MODE)),
    DIARIZATION("diarization", "diarization-service", List.of(Field.FORMAT));

    private final String path;
    private final String service;
    private final List<Field> optionalFields;

    Capability(String path, String service, List<Field> optionalFields) {
        this.path = path;
        this.service = service;
        this.optionalFields = optionalFields;
    }

    /** Last segment of the public route, /api/v1/tiktok/{path}. */
    public String path() {
        return path;
    }

    /** Name of the service that does the work, as used in metrics and error messages. */
    public String service() {
        return service;
    }

    /** Optional body fields in the order their errors are reported. */
    public List<Field> optionalFields() {
        return optionalFields;
    }

    /**
     * An optional enumerated field: its name, default, accepted values and the contract's error message. A field
     * without a default ({@code null}) is left out when absent, so the body forwarded is the one sent.
     */
    public enum Field {

        FORMAT("format", "raw", List.of("raw", "srt", "vtt", "txt"),
                "Format must be one of: raw, srt, vtt, txt."),
        // "structured" is accepted by summary-service; the contract's message names only the published two.
        SUMMARY_TYPE("summary_type", "bulletpoint", List.of("bulletpoint", "textual", "structured"),
                "Summary type must be one of: bulletpoint, textual."),
        LANGUAGE("language", "en", List.of("en", "es", "id", "de", "fr", "da", "ar", "it"),
                "Language must be one of: en, es, id, de, fr, da, ar, it."),
        // Where the transcript comes from: TikTok's tracks only (the services' default), our speech recognition,
        // or TikTok's track when there is one and speech recognition otherwise.
        MODE("mode", null, List.of("native", "generate", "auto"), "Mode must be one of: native, generate, auto.");

        private final String name;
        private final String defaultValue;
        private final List<String> allowed;
        private final String message;

        Field(String name, String defaultValue, List<String> allowed, String message) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.allowed = allowed;
            this.message = message;
        }

        public String fieldName() {
            return name;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public List<String> allowed() {
            return allowed;
        }

        public String message() {
            return message;
        }
    }
}
