package com.tikneuron.jobs.service;

import static com.tikneuron.jobs.testing.Api.as;
import static com.tikneuron.jobs.testing.Api.newAccount;
import static com.tikneuron.jobs.testing.Api.video;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.tikneuron.jobs.job.JobIds;
import com.tikneuron.jobs.rest.JobResourceTestAccess;
import com.tikneuron.jobs.testing.FakeCapabilities;
import com.tikneuron.jobs.testing.FakeCapabilitiesResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FakeCapabilitiesResource.class)
class JobMaintenanceTest {

    @Inject
    JobMaintenance maintenance;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void finishedJobsOlderThanTheRetentionAreRemovedWithTheirResultsAndNewerOnesKept() throws Exception {
        String account = newAccount();
        String old = JobResourceTestAccess.submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + video(JobResourceTestAccess.newVideo()) + "\"}}");
        String recent = JobResourceTestAccess.submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + video(JobResourceTestAccess.newVideo()) + "\"}}");
        JobResourceTestAccess.awaitFinal(account, old);
        JobResourceTestAccess.awaitFinal(account, recent);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement age = connection.prepareStatement(
                        "UPDATE jobs.job SET completed_at = now() - interval '31 days' WHERE id = ?")) {
            age.setString(1, old);
            assertEquals(1, age.executeUpdate());
        }

        maintenance.sweep().await().indefinitely();

        as(account).get("/api/v1/jobs/" + old).then().statusCode(404);
        as(account).get("/api/v1/jobs/" + recent).then().statusCode(200);
    }

    @Test
    void aRunLongerThanItsLeaseKeepsTheJobWhileItsWorkerLives() throws Exception {
        FakeCapabilities fake = FakeCapabilities.get();
        fake.reset();
        // Two and a half leases (4 s in tests), while the recovery sweep looks for run-out leases every second
        fake.delay(10_000);
        try {
            String account = newAccount();
            String id = JobResourceTestAccess.submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                    + video(JobResourceTestAccess.newVideo()) + "\"}}");

            var job = JobResourceTestAccess.awaitFinal(account, id);

            assertEquals("completed", job.getString("status"));
            assertEquals(1, job.getInt("credits_charged"));
            assertEquals(1, fake.calls().stream().filter(call -> id.equals(call.headers().get("x-request-id"))).count(),
                    "the job ran once: nobody took it over while its worker renewed the lease");
            assertEquals(List.of(), fake.refunds().stream().filter(path -> path.contains("/accounts/" + account + "/"))
                    .toList(), "nothing of the run was refunded");
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                    PreparedStatement attempt = connection.prepareStatement("SELECT attempt FROM jobs.job WHERE id = ?")) {
                attempt.setString(1, id);
                try (ResultSet rs = attempt.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
            }
        } finally {
            fake.reset();
        }
    }

    @Test
    void onceStartedTheScheduledSweepItselfTakesOverAJobWhoseWorkerDied() throws Exception {
        String account = newAccount();
        String id = JobResourceTestAccess.submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + video(JobResourceTestAccess.newVideo()) + "\"}}");
        JobResourceTestAccess.awaitFinal(account, id);
        abandon(id);

        // No direct call: the sweep scheduled every second (in tests) runs, the queue being ready since the start
        String firstCall = JobIds.callId(id, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeCapabilities.get()
                .refunds().contains("/internal/v1/accounts/" + account + "/calls/" + firstCall + "/refund"));
        assertEquals("completed", JobResourceTestAccess.awaitFinal(account, id).getString("status"));
    }

    @Test
    void aJobWhoseWorkerDiedIsSettledAndRunAgain() throws Exception {
        String account = newAccount();
        String id = JobResourceTestAccess.submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + video(JobResourceTestAccess.newVideo()) + "\"}}");
        JobResourceTestAccess.awaitFinal(account, id);
        // As a worker killed mid-run leaves it: processing, run 1, lease run out, nothing recorded
        abandon(id);

        maintenance.recover().await().indefinitely();

        var job = JobResourceTestAccess.awaitFinal(account, id);
        assertEquals("completed", job.getString("status"));
        assertEquals(0, job.getInt("credits_charged"), "the second run finds the video cached");
        String firstCall = com.tikneuron.jobs.job.JobIds.callId(id, 1);
        assertEquals(true, com.tikneuron.jobs.testing.FakeCapabilities.get().refunds()
                .contains("/internal/v1/accounts/" + account + "/calls/" + firstCall + "/refund"),
                "the abandoned run's call is settled before the job runs again");
    }

    /** Leaves a finished job as a worker killed mid-run does: processing, its lease run out, nothing recorded. */
    private void abandon(String id) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement abandon = connection.prepareStatement("UPDATE jobs.job SET status = 'processing', "
                        + "result = NULL, completed_at = NULL, lease_until = now() - interval '1 second' WHERE id = ?")) {
            abandon.setString(1, id);
            assertEquals(1, abandon.executeUpdate());
        }
    }
}
