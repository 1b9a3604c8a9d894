package com.tikneuron.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.portal.billing.BillingApi.Daily;
import com.tikneuron.portal.playground.CodeSamples;
import com.tikneuron.portal.web.UsageChart;

class PagePartsTest {

    @Test
    void theChartStacksCapabilitiesPerDayScaledToTheBusiestDay() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        UsageChart chart = UsageChart.of(List.of(
                new Daily(today, "subtitle", 3, 3),
                new Daily(today, "summary", 2, 1),
                new Daily(today.minusDays(29), "diarization", 10, 1),
                new Daily(today.minusDays(40), "subtitle", 99, 99)), today, 30);

        assertEquals(10, chart.peak());
        // The day before the window is left out of the bars and the totals
        assertEquals(15, chart.total());
        assertEquals(3, chart.bars().size());
        assertEquals(List.of(3L, 2L, 10L), chart.legend().stream().map(UsageChart.Legend::credits).toList());
        UsageChart.Bar diarization = chart.bars().get(0);
        assertEquals(0, diarization.x());
        assertEquals(120, diarization.height());
        UsageChart.Bar subtitle = chart.bars().get(1);
        UsageChart.Bar summary = chart.bars().get(2);
        assertEquals(29 * 20, subtitle.x());
        assertEquals(36, subtitle.height());
        assertEquals(24, summary.height());
        assertEquals(120 - 36 - 24, summary.y());
        assertEquals("8 Nov", chart.first());
        assertEquals("7 Dec", chart.last());
    }

    @Test
    void codeSamplesFollowThePublishedExamplesAndNeverPrintAKey() {
        CodeSamples samples = CodeSamples.of("http://127.0.0.1:8080/", "/api/v1/tiktok/subtitle",
                CodeSamples.body("https://www.tiktok.com/@username/video/7354861484037524768", "format", "srt"));
        assertEquals("""
                curl -X POST http://127.0.0.1:8080/api/v1/tiktok/subtitle \\
                -H "Content-Type: application/json" \\
                -H "API-KEY: your_api_key_here" \\
                -d '{
                "url": "https://www.tiktok.com/@username/video/7354861484037524768",
                "format": "srt"
                }'""", samples.curl());
        assertTrue(samples.python().contains("response = requests.post(url, headers=headers, data=json.dumps(data))"));
        assertTrue(samples.javascript().startsWith("fetch('http://127.0.0.1:8080/api/v1/tiktok/subtitle', {"));
        assertTrue(samples.javascript().contains("format: 'srt'"));
        assertEquals(Map.of("url", "u"), CodeSamples.body("u", "format", ""));
    }
}
