package com.tikneuron.billing.service;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.billing.account.Capability;

/**
 * A settlement event of topic billing.settlements, decoded and checked against
 * contracts/events/settlement-event.schema.json. {@code requestId} is the call id; {@code correlationId} the
 * caller's X-Request-Id, for the usage history only.
 */
public record SettlementEvent(String eventId, String type, int version, String holdId, UUID accountId, long amount,
        String capability, String videoId, String requestId, String correlationId, String mode, String reason,
        OffsetDateTime occurredAt) {

    public static final String CAPTURED = "hold.captured";
    public static final String VOIDED = "hold.voided";
    public static final String CACHED = "usage.cached";

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Thrown for a message that is not a valid settlement event; such messages go to the dead-letter topic. */
    public static class UndecodableEvent extends RuntimeException {
        public UndecodableEvent(String message) {
            super(message, null, false, false);
        }
    }

    public boolean isHoldEvent() {
        return !CACHED.equals(type);
    }

    public String modeOrLive() {
        return mode == null ? "live" : mode;
    }

    /** Decodes one event; every field is checked, since a bad one must never reach the ledger. */
    public static SettlementEvent from(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new UndecodableEvent("not a JSON object");
        }
        String eventId = text(json, "event_id", 200, true);
        String type = text(json, "type", 40, true);
        if (!CAPTURED.equals(type) && !VOIDED.equals(type) && !CACHED.equals(type)) {
            throw new UndecodableEvent("unknown type");
        }
        JsonNode version = json.get("version");
        if (version == null || !version.isInt() || version.intValue() != 1) {
            throw new UndecodableEvent("unsupported version");
        }
        UUID accountId;
        try {
            accountId = UUID.fromString(text(json, "account_id", 36, true));
        } catch (IllegalArgumentException e) {
            throw new UndecodableEvent("account_id is not a UUID");
        }
        String capability = text(json, "capability", 20, true);
        if (!Capability.isKnown(capability)) {
            throw new UndecodableEvent("unknown capability");
        }
        boolean holdEvent = !CACHED.equals(type);
        String holdId = text(json, "hold_id", 100, holdEvent);
        JsonNode amountNode = json.get("amount");
        long amount = 0;
        if (amountNode != null && !amountNode.isNull()) {
            if (!amountNode.canConvertToLong() || !amountNode.isIntegralNumber() || amountNode.longValue() < 0) {
                throw new UndecodableEvent("amount is not a non-negative integer");
            }
            amount = amountNode.longValue();
        } else if (holdEvent) {
            throw new UndecodableEvent("amount is required");
        }
        String mode = text(json, "mode", 10, false);
        if (mode != null && !mode.equals("live") && !mode.equals("test")) {
            throw new UndecodableEvent("unknown mode");
        }
        OffsetDateTime occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(text(json, "occurred_at", 40, true));
        } catch (RuntimeException e) {
            throw new UndecodableEvent("occurred_at is not an ISO-8601 date-time");
        }
        return new SettlementEvent(eventId, type, 1, holdId, accountId, amount, capability,
                text(json, "video_id", 64, false), text(json, "request_id", 128, false), correlationId(json), mode,
                text(json, "reason", 500, false), occurredAt);
    }

    /**
     * The correlation id when it has the contract's shape, otherwise none. No money depends on it, so a malformed one
     * is dropped: sending the event to the dead-letter topic for it would lose a capture over a display field.
     */
    private static String correlationId(JsonNode json) {
        JsonNode node = json.get("correlation_id");
        return node != null && node.isTextual() && CORRELATION_ID.matcher(node.textValue()).matches()
                ? node.textValue()
                : null;
    }

    private static String text(JsonNode json, String field, int maxLength, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new UndecodableEvent(field + " is required");
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > maxLength) {
            throw new UndecodableEvent(field + " must be a string of 1 to " + maxLength + " characters");
        }
        return node.textValue();
    }
}
