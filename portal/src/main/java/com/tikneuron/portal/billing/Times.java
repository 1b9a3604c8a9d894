package com.tikneuron.portal.billing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as pages show them: UTC, to the minute. */
final class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);

    private Times() {
    }

    static String show(OffsetDateTime time) {
        return time == null ? "" : SHOWN.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
