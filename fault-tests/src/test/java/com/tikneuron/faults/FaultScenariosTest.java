package com.tikneuron.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import com.tikneuron.faults.FaultStack.Customer;
import com.tikneuron.faults.Traffic.Call;
import com.tikneuron.faults.Traffic.Op;
import com.tikneuron.faults.Traffic.Phase;

/**
 * Each fault during steady traffic, then, after recovery and once every hold has settled or expired, the credit
 * checks of {@link Ledger} for every account the traffic used. Scenarios and their length come from
 * {@code tikneuron.faults.scenarios} and {@code tikneuron.faults.mode} (short or long).
 */
class FaultScenariosTest {

    private static final int CUSTOMERS = 3;
    private static final int THREADS_PER_CUSTOMER = Integer.getInteger("tikneuron.faults.threads-per-customer", 1);
    private static final long CREDITS = 100_000;

    /** Batch scenarios: how many runs of the batch end before the fault lands, so that it lands in the middle. */
    private static final int BATCH_RUNS_BEFORE_FAULT = 20;
    /** Longer than a lease after the fault plus the rest of the batch, however slow the machine. */
    private static final Duration BATCH_END = Duration.ofMinutes(5);

    private record Run(Scenario scenario, List<Customer> customers, List<Call> calls, Duration took, String failure,
                       JobBatch batch) {
    }

    @Test
    void noCreditIsLostOrChargedTwiceThroughFaults() throws Exception {
        Scenario.Mode mode = Scenario.Mode.of(System.getProperty("tikneuron.faults.mode", "short"));
        List<Scenario> scenarios = Scenario.select(System.getProperty("tikneuron.faults.scenarios"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(FaultStack::ready);

        List<Customer> warmupCustomers = List.of(FaultStack.customer("faults-warmup", CREDITS));
        List<Call> warmup = warmUp(warmupCustomers.get(0));

        List<Run> runs = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            runs.add(run(scenario, mode));
        }

        // Holds orphaned by a fault expire after their TTL; the expiry job returns their credits.
        List<Customer> everyone = new ArrayList<>(warmupCustomers);
        runs.forEach(run -> everyone.addAll(run.customers()));
        runs.stream().filter(run -> run.batch() != null).forEach(run -> everyone.add(run.batch().customer));
        Duration settle = FaultStack.HOLD_TTL.plus(FaultStack.EXPIRY_INTERVAL.multipliedBy(3)).plusSeconds(30);
        long settleStarted = System.nanoTime();
        try {
            await().atMost(settle).pollInterval(Duration.ofSeconds(1)).until(() -> Ledger.pending(everyone) == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("holds still pending after " + settle.toSeconds() + " s; the checks below name them");
        }
        // Refunds of requests the gateway answered with a failure are retried until billing takes them: wait until
        // the ledger has stopped moving.
        long[] lastEntries = { -1 };
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ofSeconds(5)).pollInterval(Duration.ofSeconds(5))
                .until(() -> {
                    long entries = Ledger.entries(everyone);
                    boolean still = entries == lastEntries[0];
                    lastEntries[0] = entries;
                    return still;
                });
        Duration settled = Duration.ofNanos(System.nanoTime() - settleStarted);

        Map<String, Ledger.Verdict> verdicts = new LinkedHashMap<>();
        Map<String, Ledger.BatchVerdict> batches = new LinkedHashMap<>();
        verdicts.put("warm-up", Ledger.check(warmupCustomers, warmup));
        Map<String, String> failures = new LinkedHashMap<>();
        for (Run run : runs) {
            Ledger.Verdict verdict = Ledger.check(run.customers(), run.calls());
            List<String> problems = new ArrayList<>(verdict.violations());
            if (run.failure() != null) {
                problems.add(0, run.failure());
            }
            if (run.batch() != null) {
                Ledger.BatchVerdict batch = Ledger.checkBatch(run.batch());
                batches.put(run.scenario().id, batch);
                batch.violations().forEach(violation -> problems.add("batch: " + violation));
            }
            verdicts.put(run.scenario().id, new Ledger.Verdict(verdict.requests(), verdict.successes(), verdict.cachedSuccesses(),
                    verdict.errorAnswers(), verdict.transportFailures(), verdict.chargedAnswerLost(), verdict.creditsCaptured(),
                    verdict.creditsChecked(), verdict.accounts(), problems));
        }
        try (var db = Ledger.connect(); var query = db.createStatement();
             var rs = query.executeQuery("SELECT count(*) FROM billing.invariant_violations")) {
            rs.next();
            if (rs.getInt(1) != 0) {
                failures.put("invariant view", rs.getInt(1) + " account(s) in billing.invariant_violations");
            }
        }
        String report = report(mode, runs, verdicts, batches, settled);
        Path out = Path.of("target", "faults-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);

        verdicts.forEach((name, verdict) -> {
            if (!verdict.violations().isEmpty()) {
                failures.put(name, verdict.violations().stream().limit(20).collect(Collectors.joining("\n  ", "\n  ", "")));
            }
        });
        assertTrue(failures.isEmpty(), "violations:\n" + failures.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")));
        for (Run run : runs) {
            assertTrue(run.calls().stream().anyMatch(c -> c.success() && !Boolean.TRUE.equals(c.cached())),
                    run.scenario().id + ": no paid request succeeded at all, so nothing about charges was shown");
        }
    }

    /** Caches the subtitles of the cached-hit videos and the seed conversation's diarization. */
    private static List<Call> warmUp(Customer customer) {
        Traffic traffic = new Traffic("warmup", List.of(customer), 0);
        List<Call> calls = new ArrayList<>();
        int n = 0;
        for (String video : Traffic.CACHED_VIDEOS) {
            calls.add(traffic.send(customer, Op.SUBTITLE_CACHED, video, "{\"format\":\"txt\"", 0, n++));
        }
        calls.add(traffic.send(customer, Op.DIARIZATION, Traffic.SEED_VIDEO, "{\"format\":\"txt\"", 0, n++));
        traffic.close();
        for (Call call : calls) {
            assertEquals(200, call.status(), "warm-up " + call.op() + " " + call.videoId() + ": " + call.errorCode() + " " + call.error());
        }
        return calls;
    }

    private static Run run(Scenario scenario, Scenario.Mode mode) throws Exception {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(FaultStack.customer("faults-" + scenario.id, CREDITS));
        }
        // The batch's customer sends nothing else, so its account moves with the batch alone
        Customer batchCustomer = scenario.batch ? FaultStack.customer("faults-" + scenario.id + "-batch", CREDITS) : null;
        long started = System.nanoTime();
        String failure = null;
        JobBatch batch = null;
        System.out.printf("%s: %s%n", scenario.id, scenario.description);
        try (Traffic traffic = new Traffic(scenario.id, customers, THREADS_PER_CUSTOMER)) {
            traffic.start();
            Thread.sleep(mode.before().toMillis());
            if (batchCustomer != null) {
                // TikTok answering in half a second (the real one takes a few hundred milliseconds) keeps the batch
                // running for some seconds, so the fault lands in its middle
                FaultStack.tiktokFaults("{\"delay_ms\": 500}");
                batch = JobBatch.submit(batchCustomer);
                failure = awaitUnderWay(batch);
            }
            traffic.phase(Phase.DURING);
            try {
                scenario.fault.apply(mode);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(FaultStack::ready);
            } catch (Exception | AssertionError e) {
                failure = (failure == null ? "" : failure + "; ") + "the stack did not recover: " + e;
            } finally {
                if (batch != null) {
                    FaultStack.tiktokFaults(null);
                }
            }
            // The traffic after recovery runs while the batch ends, and for at least the mode's time after the fault
            traffic.phase(Phase.AFTER);
            long recovered = System.nanoTime();
            if (batch != null) {
                JobBatch running = batch;
                System.out.printf("%s: after the fault the batch has %s%n", scenario.id, running.progress());
                try {
                    await().atMost(BATCH_END).pollInterval(Duration.ofSeconds(1))
                            .until(() -> running.progress().finished() == JobBatch.ITEMS);
                    System.out.printf("%s: the batch ended %d s after the stack was back%n", scenario.id,
                            Duration.ofNanos(System.nanoTime() - recovered).toSeconds());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    failure = (failure == null ? "" : failure + "; ") + "the batch did not end within " + BATCH_END
                            + ": " + running.progress();
                }
                JsonNode view = running.publicView();
                if (!"completed".equals(view.path("status").asText())) {
                    failure = (failure == null ? "" : failure + "; ") + "GET /api/v1/batches/" + running.id
                            + " does not say completed: " + view;
                }
            }
            Thread.sleep(Math.max(0, mode.after().minus(Duration.ofNanos(System.nanoTime() - recovered)).toMillis()));
            List<Call> calls = traffic.stop();
            if (failure == null && calls.stream().noneMatch(c -> c.phase() == Phase.AFTER && c.success())) {
                failure = "no request succeeded after recovery";
            }
            System.out.printf("%s: %d requests, statuses %s%n", scenario.id, calls.size(), statuses(calls));
            return new Run(scenario, customers, calls, Duration.ofNanos(System.nanoTime() - started), failure, batch);
        }
    }

    /**
     * Waits until some of the batch's runs have ended and others are processing, and notes how many are processing
     * as the fault comes; a failure when the batch ended before (the fault would then have shown nothing about it).
     */
    private static String awaitUnderWay(JobBatch batch) {
        JobBatch.Progress progress = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(batch::progress, p -> (p.ranToEnd() >= BATCH_RUNS_BEFORE_FAULT && p.processing() > 0)
                        || p.finished() == JobBatch.ITEMS);
        batch.processingAtFault = progress.processing();
        System.out.printf("batch %s as the fault comes: %s%n", batch.id, progress);
        return progress.processing() == 0 ? "the batch had no job processing when the fault came: " + progress : null;
    }

    private static Map<String, Long> statuses(List<Call> calls) {
        return calls.stream().collect(Collectors.groupingBy(
                c -> c.transportFailure() ? "no answer" : c.status() + (c.errorCode() == null ? "" : " " + c.errorCode()),
                TreeMap::new, Collectors.counting()));
    }

    private static String report(Scenario.Mode mode, List<Run> runs, Map<String, Ledger.Verdict> verdicts,
            Map<String, Ledger.BatchVerdict> batches, Duration settled) {
        StringBuilder out = new StringBuilder();
        out.append("Fault scenarios, ").append(mode.name()).append(" run of ")
                .append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE)).append(", holds settled ")
                .append(settled.toSeconds()).append(" s after the last scenario\n\n");
        out.append("| scenario | took | requests | 2xx (cached) | error answers | no answer | charged, answer lost | credits captured | credits checked | violations |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Run> byId = runs.stream().collect(Collectors.toMap(r -> r.scenario().id, r -> r));
        verdicts.forEach((name, v) -> {
            Run run = byId.get(name);
            out.append("| ").append(name).append(" | ").append(run == null ? "—" : run.took().toSeconds() + " s")
                    .append(" | ").append(v.requests()).append(" | ").append(v.successes()).append(" (").append(v.cachedSuccesses())
                    .append(") | ").append(v.errorAnswers()).append(" | ").append(v.transportFailures()).append(" | ")
                    .append(v.chargedAnswerLost()).append(" | ").append(v.creditsCaptured()).append(" | ").append(v.creditsChecked())
                    .append(" | ").append(v.violations().size()).append(" |\n");
        });
        out.append('\n');
        for (Run run : runs) {
            out.append("- ").append(run.scenario().id).append(": ").append(statuses(run.calls())).append('\n');
        }
        if (!batches.isEmpty()) {
            out.append("\nBatches of ").append(JobBatch.ITEMS).append(" subtitle items (cached, invalid URL, caption-less, ")
                    .append("new) with the fault in their middle:\n\n");
            out.append("| scenario | processing at the fault | completed | failed | jobs run again after a takeover | holds refunded / voided | credits_charged (sum) | billing took | violations |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            batches.forEach((name, b) -> out.append("| ").append(name).append(" | ").append(b.processingAtFault())
                    .append(" | ").append(b.completed()).append(" | ").append(b.failed()).append(" | ").append(b.takenOver())
                    .append(" | ").append(b.refundedHolds()).append(" / ").append(b.voidedHolds()).append(" | ").append(b.creditsCharged()).append(" | ")
                    .append(b.billingTook()).append(" | ").append(b.violations().size()).append(" |\n"));
        }
        return out.toString();
    }
}
