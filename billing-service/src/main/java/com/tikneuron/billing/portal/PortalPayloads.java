package com.tikneuron.billing.portal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Bodies of the portal-facing internal routes (contracts/billing-internal-api.yaml). */
public final class PortalPayloads {

    private PortalPayloads() {
    }

    public record NewPortalAccount(String name) {
    }

    public record PortalAccount(UUID id, String name, long credits, long reserved) {
    }

    public record NewNamedKey(String mode, String name) {
    }

    public record NamedKeyCreated(UUID id, String key, String prefix, String mode, String name) {
    }

    public record KeyView(UUID id, String name, String prefix, String mode, String status, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt, OffsetDateTime revokeAfter) {
        public static KeyView of(PortalKeyRepository.KeyRow row) {
            return new KeyView(row.id(), row.name(), row.prefix(), row.mode(), row.status(), row.createdAt(),
                    row.lastUsedAt(), row.revokedAt(), row.revokeAfter());
        }
    }

    public record KeyList(String object, List<KeyView> data) {
    }

    public record RotateRequest(Long graceSeconds, String name) {
    }

    public record Rotated(NamedKeyCreated key, KeyView previous) {
    }

    public record DailyUsage(LocalDate day, String capability, long credits, long calls) {
    }

    public record DailyUsageList(String object, int days, List<DailyUsage> data) {
    }
}
