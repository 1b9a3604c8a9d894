package com.tikneuron.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stack under test, started by {@code scripts/faults.sh}: where its parts listen, how to reach its billing
 * database, and the faults it can suffer (processes killed and restarted, Kafka and PostgreSQL restarted, TikTok slow).
 */
final class FaultStack {

    static final Path ROOT = Path.of(System.getProperty("tikneuron.faults.root", "..")).toAbsolutePath().normalize();
    static final String STACK = System.getProperty("tikneuron.faults.stack", "faults");
    static final int PORT_BASE = Integer.getInteger("tikneuron.faults.port-base", 19080);
    static final String GATEWAY = "http://127.0.0.1:" + PORT_BASE;
    static final String BILLING = "http://127.0.0.1:" + (PORT_BASE + 4);
    /** Health and metrics listen on each service's port + 100 (scripts/stack.sh). */
    static final int MANAGEMENT_OFFSET = 100;
    static final String STANDIN = "http://127.0.0.1:" + (PORT_BASE + 10);
    static final String JDBC = System.getProperty("tikneuron.faults.jdbc", "jdbc:postgresql://127.0.0.1:15432/tikneuron_faults");
    static final Duration HOLD_TTL = Duration.ofSeconds(Long.getLong("tikneuron.faults.hold-ttl-seconds", 120));
    static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(Long.getLong("tikneuron.faults.expiry-interval-seconds", 2));
    private static final Map<String, Integer> PORT_OFFSETS = Map.of("gateway", 0, "subtitle-service", 1,
            "summary-service", 2, "diarization-service", 3, "billing-service", 4, "jobs-service", 5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private FaultStack() {
    }

    /** A customer: an account opened with {@code credits} and one live key. */
    record Customer(String accountId, String key, long credits) {
    }

    static Customer customer(String name, long credits) throws Exception {
        JsonNode account = admin("/admin/v1/accounts", Map.of("name", name + "-" + UUID.randomUUID(), "credits", credits));
        String id = account.get("id").asText();
        JsonNode key = admin("/admin/v1/accounts/" + id + "/keys", Map.of("mode", "live"));
        return new Customer(id, key.get("key").asText(), credits);
    }

    private static JsonNode admin(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BILLING + path))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String adminToken() throws IOException {
        return Files.readString(ROOT.resolve(".local").resolve(STACK).resolve("admin-token")).trim();
    }

    /** True when every service answers ready. */
    static boolean ready() {
        for (int offset : PORT_OFFSETS.values()) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + (PORT_BASE + offset + MANAGEMENT_OFFSET) + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** {@code kill -9} of one service of the stack, by the pid stack.sh wrote. */
    static long kill9(String service) throws Exception {
        long pid = Long.parseLong(Files.readString(ROOT.resolve(".local").resolve(STACK).resolve(service + ".pid")).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
        run(List.of("kill", "-9", Long.toString(pid)), Duration.ofSeconds(10));
        handle.onExit().get(20, TimeUnit.SECONDS);
        return pid;
    }

    /** A clean stop (SIGTERM) of one service of the stack, by the pid stack.sh wrote; waits until it is gone. */
    static void terminate(String service) throws Exception {
        long pid = Long.parseLong(Files.readString(ROOT.resolve(".local").resolve(STACK).resolve(service + ".pid")).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
        run(List.of("kill", Long.toString(pid)), Duration.ofSeconds(10));
        handle.onExit().get(60, TimeUnit.SECONDS);
    }

    /** {@code scripts/stack.sh start --offline}: starts what is not running and waits until every service is ready. */
    static void startStack() throws Exception {
        startStack(new String[0]);
    }

    /** The same, with these environment variables (name, value, …) for the services it starts. */
    static void startStack(String... env) throws Exception {
        String[] all = new String[env.length + 2];
        all[0] = "TN_NO_BUILD";
        all[1] = "1";
        System.arraycopy(env, 0, all, 2, env.length);
        run(List.of(ROOT.resolve("scripts/stack.sh").toString(), "start", "--offline"), Duration.ofSeconds(240), all);
    }

    static void stopKafka() throws Exception {
        run(List.of(ROOT.resolve("scripts/infra.sh").toString(), "stop-kafka"), Duration.ofSeconds(60));
    }

    static void startInfra() throws Exception {
        run(List.of(ROOT.resolve("scripts/infra.sh").toString(), "start"), Duration.ofSeconds(120));
    }

    /** A fast (clean) restart of the isolated PostgreSQL cluster: every session is cut, nothing committed is lost. */
    static void restartPostgres() throws Exception {
        Path data = Path.of(System.getProperty("tikneuron.faults.pg-data"));
        String pgCtl = Path.of(System.getProperty("tikneuron.faults.pg-bin")).resolve("pg_ctl").toString();
        List<String> command = new ArrayList<>(List.of(pgCtl, "-D", data.toString(), "-l",
                data.getParent().resolve("postgres.log").toString(), "-m", "fast", "-w", "restart"));
        if (ProcessHandle.current().info().user().map("root"::equals).orElse(false)) {
            command.addAll(0, List.of("runuser", "-u", "postgres", "--"));
        }
        run(command, Duration.ofSeconds(60));
    }

    /** Sets the stand-in's faults; {@code null} clears them. */
    static void tiktokFaults(String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STANDIN + "/__standin/faults"));
        request = json == null ? request.DELETE()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != (json == null ? 204 : 200)) {
            throw new IllegalStateException("the stand-in refused the faults " + json + ": " + status);
        }
    }

    private static void run(List<String> command, Duration limit, String... env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve(".local").resolve(STACK).resolve("fault-actions.log").toFile()));
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue()
                    + "; see .local/" + STACK + "/fault-actions.log");
        }
    }
}
