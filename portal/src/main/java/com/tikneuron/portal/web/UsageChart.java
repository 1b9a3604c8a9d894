package com.tikneuron.portal.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.tikneuron.portal.billing.BillingApi.Daily;

import io.quarkus.qute.TemplateData;

/**
 * Credits per day and capability over the last days, laid out as the rectangles of a stacked bar chart that the
 * page draws as inline SVG: no script, no image request.
 */
@TemplateData
public record UsageChart(int width, int height, List<Bar> bars, List<Legend> legend, long total, long peak,
        String first, String last) {

    public static final List<String> CAPABILITIES = List.of("subtitle", "summary", "diarization");
    private static final Map<String, String> COLOURS = Map.of("subtitle", "#2563eb", "summary", "#d97706",
            "diarization", "#059669");
    private static final int BAR_WIDTH = 16;
    private static final int GAP = 4;
    private static final int PLOT_HEIGHT = 120;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** One rectangle: a capability's credits on one day. */
    @TemplateData
    public record Bar(int x, int y, int width, int height, String colour, String title) {
    }

    @TemplateData
    public record Legend(String capability, String colour, long credits) {
    }

    public static UsageChart of(List<Daily> rows, LocalDate today, int days) {
        Map<LocalDate, Map<String, Long>> byDay = new HashMap<>();
        Map<String, Long> perCapability = new HashMap<>();
        LocalDate start = today.minusDays(days - 1L);
        for (Daily row : rows) {
            if (row.day().isBefore(start) || row.day().isAfter(today)) {
                continue;
            }
            byDay.computeIfAbsent(row.day(), day -> new HashMap<>()).merge(row.capability(), row.credits(), Long::sum);
            perCapability.merge(row.capability(), row.credits(), Long::sum);
        }
        long peak = 0;
        for (Map<String, Long> day : byDay.values()) {
            peak = Math.max(peak, day.values().stream().mapToLong(Long::longValue).sum());
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            Map<String, Long> credits = byDay.getOrDefault(day, Map.of());
            int x = i * (BAR_WIDTH + GAP);
            int top = PLOT_HEIGHT;
            for (String capability : CAPABILITIES) {
                long value = credits.getOrDefault(capability, 0L);
                if (value == 0) {
                    continue;
                }
                int height = Math.max(1, (int) Math.round((double) value * PLOT_HEIGHT / peak));
                top -= height;
                bars.add(new Bar(x, top, BAR_WIDTH, height, COLOURS.get(capability),
                        LABEL.format(day) + ": " + value + " credits of " + capability));
            }
        }
        List<Legend> legend = CAPABILITIES.stream()
                .map(capability -> new Legend(capability, COLOURS.get(capability),
                        perCapability.getOrDefault(capability, 0L)))
                .toList();
        long total = perCapability.values().stream().mapToLong(Long::longValue).sum();
        return new UsageChart(days * (BAR_WIDTH + GAP), PLOT_HEIGHT, bars, legend, total, peak,
                LABEL.format(start), LABEL.format(today));
    }
}
