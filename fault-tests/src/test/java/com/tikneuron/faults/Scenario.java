package com.tikneuron.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The faults, each applied during traffic and repaired before the traffic ends. */
enum Scenario {

    KILL_GATEWAY("kill-gateway", "kill -9 of gateway, restarted by stack.sh", m -> kill("gateway", m)),
    KILL_SUBTITLE("kill-subtitle-service", "kill -9 of subtitle-service, restarted by stack.sh", m -> kill("subtitle-service", m)),
    KILL_SUMMARY("kill-summary-service", "kill -9 of summary-service, restarted by stack.sh", m -> kill("summary-service", m)),
    KILL_DIARIZATION("kill-diarization-service", "kill -9 of diarization-service, restarted by stack.sh",
            m -> kill("diarization-service", m)),
    KILL_BILLING("kill-billing-service", "kill -9 of billing-service, restarted by stack.sh", m -> kill("billing-service", m)),
    KILL_JOBS("kill-jobs-service", "kill -9 of jobs-service in the middle of a batch of " + JobBatch.ITEMS
            + " subtitle items, restarted by stack.sh", m -> kill("jobs-service", m), true),
    KAFKA_RESTART("kafka-restart", "the Kafka broker stopped, down a while, started again", Scenario::restartKafka),
    KAFKA_RESTART_BATCH("kafka-restart-batch", "the Kafka broker stopped in the middle of a batch of " + JobBatch.ITEMS
            + " subtitle items, down a while, started again", Scenario::restartKafka, true),
    POSTGRES_RESTART("postgres-restart", "pg_ctl restart -m fast of the PostgreSQL cluster (every session cut)",
            m -> FaultStack.restartPostgres()),
    TIKTOK_SLOW("tiktok-slow", "the stand-in delays every TikTok request 2.5 s, then 3.5 s (fetch timeout 3 s)", m -> {
        FaultStack.tiktokFaults("{\"delay_ms\": 2500}");
        Thread.sleep(m.window().toMillis() / 2);
        FaultStack.tiktokFaults("{\"delay_ms\": 3500}");
        Thread.sleep(m.window().toMillis() / 2);
        FaultStack.tiktokFaults(null);
    }),
    SETTLEMENTS_LATE("settlements-late", "billing restarted with its settlement consumer on an empty topic (the "
            + "settlements pile up unread) and 10 s holds, traffic running until every hold of the window expired, then "
            + "restarted as usual: the captures arrive after their holds expired",
            m -> {
                FaultStack.terminate("billing-service");
                FaultStack.startStack("TN_SETTLEMENTS_TOPIC", "billing.settlements.unread", "TIKNEURON_HOLD_TTL", "10s");
                // Holds made now expire after 10 s; the expiry job sweeps every few seconds.
                Thread.sleep(Math.max(m.window().toMillis(), 10_000 + FaultStack.EXPIRY_INTERVAL.toMillis() * 3 + 5_000));
                FaultStack.terminate("billing-service");
                FaultStack.startStack();
            }),
    TIKTOK_DROPS("tiktok-drops", "the stand-in closes 30 % of TikTok connections without an answer", m -> {
        FaultStack.tiktokFaults("{\"drop_rate\": 0.3}");
        Thread.sleep(m.window().toMillis());
        FaultStack.tiktokFaults(null);
    });

    /**
     * How long traffic runs before the fault and after recovery, how long a process stays down, how long a fault
     * lasts. The short run's traffic after recovery outlasts the gateway's circuit-breaker delay (10 s): a breaker
     * opened by the fault must have let requests through again before the scenario ends.
     */
    record Mode(String name, Duration before, Duration down, Duration window, Duration after) {
        static Mode of(String name) {
            return "long".equals(name)
                    ? new Mode("long", Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(90), Duration.ofSeconds(45))
                    : new Mode("short", Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(12));
        }
    }

    interface Fault {
        void apply(Mode mode) throws Exception;
    }

    final String id;
    final String description;
    final Fault fault;
    /** The fault lands in the middle of a batch of jobs (JobBatch), whose end is checked too. */
    final boolean batch;

    Scenario(String id, String description, Fault fault) {
        this(id, description, fault, false);
    }

    Scenario(String id, String description, Fault fault, boolean batch) {
        this.id = id;
        this.description = description;
        this.fault = fault;
        this.batch = batch;
    }

    private static void restartKafka(Mode mode) throws Exception {
        FaultStack.stopKafka();
        Thread.sleep(mode.down().toMillis());
        FaultStack.startInfra();
    }

    private static void kill(String service, Mode mode) throws Exception {
        FaultStack.kill9(service);
        Thread.sleep(mode.down().toMillis());
        FaultStack.startStack();
    }

    /** The scenarios named (comma-separated ids), or all of them. */
    static List<Scenario> select(String names) {
        if (names == null || names.isBlank()) {
            return List.of(values());
        }
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(name -> Arrays.stream(values()).filter(s -> s.id.equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name)))
                .toList();
    }
}
