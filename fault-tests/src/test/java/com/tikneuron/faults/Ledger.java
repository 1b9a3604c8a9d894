package com.tikneuron.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.tikneuron.faults.FaultStack.Customer;
import com.tikneuron.faults.Traffic.Call;

/**
 * The credit checks, read straight from billing's tables over JDBC. The rule for each request the client recorded:
 * <ul>
 *   <li>a 2xx answer that is not cached: exactly one captured hold for its request id, of the endpoint's
 *       capability, and captured credits equal to {@code X-Credits-Charged};</li>
 *   <li>a cached 2xx answer and every non-2xx answer: nothing captured, {@code X-Credits-Charged} 0 or absent;</li>
 *   <li>a transport failure (no answer reached the client): nothing captured, or exactly one capture of the
 *       endpoint's price when the work had finished before the connection broke. Those are counted as
 *       "charged, answer lost", never silently: the client can fetch the result for free (it is cached), and a
 *       second capture for the same request is a violation like any other.</li>
 * </ul>
 * Every account: granted − captured = available + reserved, from the ledger and from the account row; nothing in
 * {@code billing.invariant_violations}; no hold pending past its expiry by more than the expiry job's interval
 * plus a margin; no capture whose request id the client never sent.
 */
final class Ledger {

    record Hold(String id, String requestId, String capability, String status, long amount, boolean overdue) {
    }

    /** What the checks found for one scenario; {@code violations} must be empty. */
    record Verdict(int requests, int successes, int cachedSuccesses, int errorAnswers, int transportFailures,
                   int chargedAnswerLost, long creditsCaptured, long creditsChecked, int accounts, List<String> violations) {
    }

    private Ledger() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(FaultStack.JDBC, "postgres", "");
    }

    /** Holds of these accounts still pending. */
    static int pending(List<Customer> customers) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM billing.holds WHERE status = 'pending' AND account_id = ANY (?)")) {
            query.setArray(1, accounts(db, customers));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Ledger entries of these accounts so far: it stops growing once every settlement and refund is in. */
    static long entries(List<Customer> customers) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM billing.ledger_entries WHERE account_id = ANY (?)")) {
            query.setArray(1, accounts(db, customers));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Verdict check(List<Customer> customers, List<Call> calls) throws SQLException {
        List<String> violations = new ArrayList<>();
        long checked = 0;
        long capturedTotal = 0;
        int lost = 0;
        try (Connection db = connect()) {
            Array ids = accounts(db, customers);
            checked += balances(db, customers, violations);
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT count(*) FROM billing.invariant_violations WHERE account_id = ANY (?)")) {
                query.setArray(1, ids);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 0) {
                        violations.add(rs.getInt(1) + " account(s) listed in billing.invariant_violations");
                    }
                }
            }
            // Holds are keyed by the gateway's call id; the client's X-Request-Id, which the traffic makes unique per
            // request, is kept beside it as the correlation id.
            Map<String, List<Hold>> byRequest = new HashMap<>();
            long slackSeconds = FaultStack.EXPIRY_INTERVAL.toSeconds() + 15;
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT id, coalesce(correlation_id, request_id), capability, status, amount,
                           status = 'pending' AND expires_at < now() - make_interval(secs => ?) AS overdue
                      FROM billing.holds WHERE account_id = ANY (?)""")) {
                query.setLong(1, slackSeconds);
                query.setArray(2, ids);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Hold hold = new Hold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getBoolean(6));
                        byRequest.computeIfAbsent(String.valueOf(hold.requestId()), k -> new ArrayList<>()).add(hold);
                        if (hold.overdue()) {
                            violations.add("hold " + hold.id() + " (request " + hold.requestId() + ") still pending "
                                    + slackSeconds + " s past its expiry");
                        }
                        if ("captured".equals(hold.status())) {
                            capturedTotal += hold.amount();
                        }
                    }
                }
            }
            Set<String> sent = new HashSet<>();
            for (Call call : calls) {
                sent.add(call.requestId());
                if (checkCall(call, byRequest.getOrDefault(call.requestId(), List.of()), violations)) {
                    lost++;
                }
            }
            for (Map.Entry<String, List<Hold>> entry : byRequest.entrySet()) {
                if (!sent.contains(entry.getKey()) && entry.getValue().stream().anyMatch(h -> "captured".equals(h.status()))) {
                    violations.add("capture for request " + entry.getKey() + ", which the client never sent: " + entry.getValue());
                }
            }
        }
        int successes = (int) calls.stream().filter(Call::success).count();
        int cached = (int) calls.stream().filter(c -> c.success() && Boolean.TRUE.equals(c.cached())).count();
        int transport = (int) calls.stream().filter(Call::transportFailure).count();
        return new Verdict(calls.size(), successes, cached, calls.size() - successes - transport, transport,
                lost, capturedTotal, checked, customers.size(), violations);
    }

    /** What became of a batch run through a fault; {@code violations} must be empty. */
    record BatchVerdict(int items, int completed, int failed, long creditsCharged, long billingTook, int takenOver,
                        int refundedHolds, int voidedHolds, int processingAtFault, List<String> violations) {
    }

    private record JobRow(String id, String status, int creditsCharged, int attempt, boolean hasResult,
                          boolean hasError, String errorCode, Integer errorStatus, boolean completedAt) {
    }

    /**
     * A batch's end, item by item against billing's holds (a job's holds carry its id as their correlation id, each
     * run its own call id): every item in exactly one final state with its result or its error, an item never
     * charged twice (at most one captured hold), each item's captured credits equal to its {@code credits_charged},
     * a failed item charged nothing, no hold left pending; for the account, what billing took (granted − available −
     * reserved) equal to the sum of {@code credits_charged}, and the ledger balanced as for every account.
     */
    static BatchVerdict checkBatch(JobBatch batch) throws SQLException {
        List<String> violations = new ArrayList<>();
        Map<String, JobRow> jobs = new HashMap<>();
        Map<String, List<Hold>> holds = new HashMap<>();
        long billingTook;
        try (Connection db = connect()) {
            balances(db, List.of(batch.customer), violations);
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT id, status, credits_charged, attempt, result IS NOT NULL, error IS NOT NULL,
                           error ->> 'error_code', error_status, completed_at IS NOT NULL
                      FROM jobs.job WHERE batch_id = ?""")) {
                query.setString(1, batch.id);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        jobs.put(rs.getString(1), new JobRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), (Integer) rs.getObject(8), rs.getBoolean(9)));
                    }
                }
            }
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT id, coalesce(correlation_id, request_id), capability, status, amount, false
                      FROM billing.holds WHERE account_id = ?""")) {
                query.setObject(1, UUID.fromString(batch.customer.accountId()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Hold hold = new Hold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), false);
                        holds.computeIfAbsent(String.valueOf(hold.requestId()), k -> new ArrayList<>()).add(hold);
                    }
                }
            }
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT granted - available - reserved FROM billing.accounts WHERE id = ?")) {
                query.setObject(1, UUID.fromString(batch.customer.accountId()));
                try (ResultSet rs = query.executeQuery()) {
                    billingTook = rs.next() ? rs.getLong(1) : -1;
                }
            }
        }
        int completed = 0;
        int failed = 0;
        int takenOver = 0;
        int refunded = 0;
        int voided = 0;
        long charged = 0;
        for (JobBatch.Item item : batch.items) {
            JobRow job = jobs.get(item.jobId());
            String who = item.kind() + " item " + item.jobId();
            List<Hold> ofJob = holds.getOrDefault(item.jobId(), List.of());
            holds.remove(item.jobId());
            if (job == null) {
                violations.add(who + " is missing from jobs.job");
                continue;
            }
            charged += job.creditsCharged();
            takenOver += job.attempt() > 1 ? 1 : 0;
            refunded += (int) ofJob.stream().filter(h -> "refunded".equals(h.status())).count();
            voided += (int) ofJob.stream().filter(h -> "voided".equals(h.status())).count();
            List<Hold> captured = ofJob.stream().filter(h -> "captured".equals(h.status())).toList();
            long capturedCredits = captured.stream().mapToLong(Hold::amount).sum();
            switch (job.status()) {
                case "completed" -> {
                    completed++;
                    if (!job.hasResult() || job.hasError()) {
                        violations.add(who + " is completed but has " + (job.hasResult() ? "" : "no result ")
                                + (job.hasError() ? "an error" : ""));
                    }
                }
                case "failed" -> {
                    failed++;
                    if (job.hasResult() || !job.hasError()) {
                        violations.add(who + " failed but has " + (job.hasResult() ? "a result " : "") + (job.hasError() ? "" : "no error"));
                    }
                    if (job.creditsCharged() != 0 || !captured.isEmpty()) {
                        violations.add(who + " failed but was charged " + job.creditsCharged() + ", captured: " + captured);
                    }
                }
                default -> violations.add(who + " is still " + job.status() + " (attempt " + job.attempt() + ")");
            }
            if (!job.completedAt() && !"queued".equals(job.status()) && !"processing".equals(job.status())) {
                violations.add(who + " is " + job.status() + " without its completion time");
            }
            if (captured.size() > 1) {
                violations.add(who + " was charged twice: " + ofJob);
            }
            if (capturedCredits != job.creditsCharged()) {
                violations.add(who + " says credits_charged " + job.creditsCharged() + " but " + capturedCredits
                        + " credit(s) were captured: " + ofJob);
            }
            ofJob.stream().filter(h -> "pending".equals(h.status()))
                    .forEach(h -> violations.add(who + " still has a pending hold: " + h));
            String expected = switch (item.kind()) {
                case CACHED -> "completed".equals(job.status()) && job.creditsCharged() == 0 ? null
                        : "a cached video must complete free";
                case INVALID -> "failed".equals(job.status()) && Integer.valueOf(422).equals(job.errorStatus())
                        && job.attempt() == 0 ? null : "an invalid URL must be refused with 422 and never run";
                // A run whose capability could not record its charge (broker down) fails with 503, charged nothing
                case CAPTIONLESS -> "failed".equals(job.status()) && ("no_subtitle_available".equals(job.errorCode())
                        || "service_unavailable".equals(job.errorCode())) ? null
                        : "a caption-less video must fail with no_subtitle_available (or 503 while a service was down)";
                // A new video costs 1, or nothing when a run before was taken over and refunded after it had fetched
                // the captions (the next run finds them cached)
                case NEW -> ("completed".equals(job.status()) && (job.creditsCharged() == 1
                        || (job.creditsCharged() == 0 && job.attempt() > 1)))
                        || ("failed".equals(job.status()) && "service_unavailable".equals(job.errorCode())) ? null
                        : "a new video must complete for 1 credit (0 after a refunded run), or fail with 503";
            };
            if (expected != null) {
                violations.add(who + ": " + expected + "; it is " + job.status() + " (" + job.errorStatus() + " "
                        + job.errorCode() + "), charged " + job.creditsCharged() + ", attempt " + job.attempt());
            }
        }
        holds.forEach((request, left) -> violations.add("holds of " + request + ", which is no job of the batch: " + left));
        if (billingTook != charged) {
            violations.add("billing took " + billingTook + " credit(s) from the batch's account but its jobs' credits_charged add up to "
                    + charged);
        }
        return new BatchVerdict(batch.items.size(), completed, failed, charged, billingTook, takenOver, refunded,
                voided, batch.processingAtFault, violations);
    }

    /** Checks one request against its holds; true when it was charged but its answer never reached the client. */
    private static boolean checkCall(Call call, List<Hold> holds, List<String> violations) {
        List<Hold> captured = holds.stream().filter(h -> "captured".equals(h.status())).toList();
        long capturedCredits = captured.stream().mapToLong(Hold::amount).sum();
        String who = call.op() + " request " + call.requestId() + " (" + (call.transportFailure() ? call.error() : call.status()) + ")";
        if (call.success() && !Boolean.TRUE.equals(call.cached())) {
            long ofCapability = captured.stream().filter(h -> call.op().capability.equals(h.capability())).count();
            if (ofCapability != 1) {
                violations.add(who + " succeeded uncached but has " + ofCapability + " captured " + call.op().capability
                        + " hold(s): " + holds);
            }
            if (call.charged() == null || call.charged() != capturedCredits) {
                violations.add(who + " says X-Credits-Charged " + call.charged() + " but " + capturedCredits
                        + " credit(s) were captured: " + holds);
            }
        } else if (call.success()) {
            if (!captured.isEmpty() || (call.charged() != null && call.charged() != 0)) {
                violations.add(who + " was a cached answer but X-Credits-Charged is " + call.charged() + " and captured: " + captured);
            }
        } else if (!call.transportFailure()) {
            if (!captured.isEmpty() || (call.charged() != null && call.charged() != 0)) {
                violations.add(who + " failed but X-Credits-Charged is " + call.charged() + " and captured: " + captured);
            }
            if (call.status() == 401) {
                violations.add(who + ": a valid key was refused as invalid");
            }
            if (call.status() >= 500 && !(call.status() == 503 && "service_unavailable".equals(call.errorCode()))) {
                violations.add(who + " answered " + call.status() + " " + call.errorCode()
                        + " instead of the contract's 503 service_unavailable");
            }
        } else if (!captured.isEmpty()) {
            if (captured.size() > 1 || capturedCredits != call.op().price) {
                violations.add(who + " got no answer yet has " + captured.size() + " capture(s) of " + capturedCredits
                        + " credit(s): " + captured);
            } else {
                return true;
            }
        }
        if (call.error() != null && call.error().startsWith("X-Request-Id echoed")) {
            violations.add(who + ": " + call.error());
        }
        return false;
    }

    /**
     * Starting credits − captured == available + reserved, per account, from the ledger and from the account row.
     * A refund (a request the gateway answered with a failure after its capture) counts against the captures; a
     * late capture (one that arrived after its hold expired) counts as a capture.
     */
    private static long balances(Connection db, List<Customer> customers, List<String> violations) throws SQLException {
        long checked = 0;
        try (PreparedStatement query = db.prepareStatement("""
                SELECT a.available, a.reserved, a.granted, a.captured,
                       coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('grant', 'adjustment')), 0),
                       coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('capture', 'late_capture')), 0)
                         - coalesce(sum(l.amount) FILTER (WHERE l.kind = 'refund'), 0),
                       (SELECT coalesce(sum(h.amount), 0) FROM billing.holds h WHERE h.account_id = a.id AND h.status = 'captured'),
                       (SELECT coalesce(sum(h.amount), 0) FROM billing.holds h WHERE h.account_id = a.id AND h.status = 'pending')
                  FROM billing.accounts a LEFT JOIN billing.ledger_entries l ON l.account_id = a.id
                 WHERE a.id = ?
                 GROUP BY a.id""")) {
            for (Customer customer : customers) {
                query.setObject(1, UUID.fromString(customer.accountId()));
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        violations.add("account " + customer.accountId() + " is missing");
                        continue;
                    }
                    long available = rs.getLong(1);
                    long reserved = rs.getLong(2);
                    long ledgerGranted = rs.getLong(5);
                    long ledgerCaptured = rs.getLong(6);
                    long holdsCaptured = rs.getLong(7);
                    long holdsPending = rs.getLong(8);
                    String account = "account " + customer.accountId();
                    if (ledgerGranted != customer.credits() || rs.getLong(3) != customer.credits()) {
                        violations.add(account + " was opened with " + customer.credits() + " but the ledger grants "
                                + ledgerGranted + " and the row " + rs.getLong(3));
                    }
                    if (customer.credits() - ledgerCaptured != available + reserved) {
                        violations.add(account + ": starting " + customer.credits() + " − captured " + ledgerCaptured
                                + " ≠ available " + available + " + reserved " + reserved);
                    }
                    if (ledgerCaptured != rs.getLong(4) || ledgerCaptured != holdsCaptured) {
                        violations.add(account + ": captured " + ledgerCaptured + " in the ledger, " + rs.getLong(4)
                                + " on the row, " + holdsCaptured + " in captured holds");
                    }
                    if (reserved != holdsPending) {
                        violations.add(account + ": reserved " + reserved + " but pending holds add up to " + holdsPending);
                    }
                    checked += customer.credits();
                }
            }
        }
        return checked;
    }

    private static Array accounts(Connection db, List<Customer> customers) throws SQLException {
        return db.createArrayOf("uuid", customers.stream().map(c -> UUID.fromString(c.accountId())).toArray());
    }
}
