package com.tikneuron.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.tikneuron.faults.FaultStack.Customer;

/**
 * A batch of subtitle items sent through the gateway to jobs-service just before a fault, by a customer of its own
 * (so its account moves only with the batch): cached videos, invalid URLs, a caption-less video and new videos, as a
 * customer's backlog mixes them. Its progress is read from jobs-service's table; {@link Ledger#checkBatch} checks
 * its end against billing.
 */
final class JobBatch {

    static final int ITEMS = 200;
    /** The stand-in's video without captions: 404 {@code no_subtitle_available}, free. */
    static final String CAPTIONLESS = "https://www.tiktok.com/@someone/video/7361573949415050724";

    /** What an item is, and so what it should cost. */
    enum Kind { CACHED, INVALID, CAPTIONLESS, NEW }

    record Item(Kind kind, String jobId) {
    }

    /** The batch's jobs by state; {@code ranToEnd} counts runs that ended (items refused at the door never ran). */
    record Progress(int queued, int processing, int finished, int ranToEnd) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final Customer customer;
    final String id;
    final List<Item> items;
    /** Jobs processing at the moment the fault was applied (read just before it). */
    volatile int processingAtFault = -1;

    private JobBatch(Customer customer, String id, List<Item> items) {
        this.customer = customer;
        this.id = id;
        this.items = items;
    }

    static JobBatch submit(Customer customer) throws Exception {
        List<Kind> kinds = new ArrayList<>(ITEMS);
        List<Map<String, String>> inputs = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            Kind kind = switch (i % 5) {
                case 0 -> Kind.CACHED;
                case 1 -> Kind.INVALID;
                case 2 -> Kind.CAPTIONLESS;
                default -> Kind.NEW;
            };
            kinds.add(kind);
            inputs.add(switch (kind) {
                case CACHED -> Map.of("url", video(Traffic.CACHED_VIDEOS.get(i / 5 % Traffic.CACHED_VIDEOS.size())),
                        "format", "txt");
                case INVALID -> Map.of("url", "https://example.com/watch?v=" + i);
                case CAPTIONLESS -> Map.of("url", CAPTIONLESS, "format", "vtt");
                case NEW -> Map.of("url", video(Traffic.newVideoId()), "format", "srt");
            });
        }
        String body = JSON.writeValueAsString(Map.of("type", "subtitle", "items", inputs,
                "metadata", Map.of("suite", "faults")));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(FaultStack.GATEWAY + "/api/v1/batches"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("API-KEY", customer.key()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/v1/batches answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode batch = JSON.readTree(response.body());
        JsonNode jobIds = batch.get("job_ids");
        if (jobIds == null || jobIds.size() != ITEMS) {
            throw new IllegalStateException("the batch was accepted without its " + ITEMS + " job ids: " + response.body());
        }
        List<Item> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(new Item(kinds.get(i), jobIds.get(i).asText()));
        }
        return new JobBatch(customer, batch.get("id").asText(), List.copyOf(items));
    }

    private static String video(String id) {
        return "https://www.tiktok.com/@loadtest/video/" + id;
    }

    Progress progress() throws SQLException {
        try (Connection db = Ledger.connect(); PreparedStatement query = db.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'queued'), count(*) FILTER (WHERE status = 'processing'),
                       count(*) FILTER (WHERE status IN ('completed', 'failed', 'cancelled')),
                       count(*) FILTER (WHERE status IN ('completed', 'failed') AND attempt > 0)
                  FROM jobs.job WHERE batch_id = ?""")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Progress(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
            }
        }
    }

    /** The batch as its customer sees it: {@code GET /api/v1/batches/{id}} through the gateway. */
    JsonNode publicView() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(FaultStack.GATEWAY + "/api/v1/batches/" + id))
                .timeout(Duration.ofSeconds(30)).header("API-KEY", customer.key()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/batches/" + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
