package com.tikneuron.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.tikneuron.e2e.Stack.Customer;

/**
 * The public contract page's own client examples (curl, JavaScript fetch, Python requests), with only the base URL
 * and the key changed, run as they are against the local gateway; their printed output must carry the documented
 * body. The first run of each endpoint does the work and pays; the other two clients get the cached answer free.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedExamplesTest {

    private static final Customer CUSTOMER = Stack.customer(100);

    @Test
    @Order(1)
    void theSubtitleExamplesGetTheDocumentedBody() throws Exception {
        for (String client : List.of("subtitle.sh", "subtitle.js", "subtitle.py")) {
            String output = run(client);
            assertHas(client, output, "video_id", "7354861484037524768");
            assertHas(client, output, "format", "srt");
            assertTrue(output.contains("00:00:00,"), client + " printed no SRT timing: " + output);
            assertTrue(output.contains("available_formats"), client + ": " + output);
            assertTrue(Pattern.compile("cached['\"]?:\\s*(false|False|true|True)").matcher(output).find(),
                    client + ": " + output);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Stack.settled(CUSTOMER));
        assertEquals(99, Stack.credits(CUSTOMER), "one subtitle charged once, two served from cache");
    }

    @Test
    @Order(2)
    void theSummarizeExamplesGetTheDocumentedBody() throws Exception {
        for (String client : List.of("summarize.sh", "summarize.js", "summarize.py")) {
            String output = run(client);
            assertHas(client, output, "video_id", "7354861484037524768");
            assertHas(client, output, "summary_type", "bulletpoint");
            assertHas(client, output, "language", "en");
            assertTrue(output.contains("- "), client + " printed no bullet: " + output);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Stack.settled(CUSTOMER));
        assertEquals(97, Stack.credits(CUSTOMER), "one summary charged once, two served from cache");
    }

    private static void assertHas(String client, String output, String field, String value) {
        // curl prints JSON, node prints an inspected object, Python a dict: quotes differ, pairs do not.
        Pattern pair = Pattern.compile("['\"]?" + field + "['\"]?:\\s*['\"]" + Pattern.quote(value) + "['\"]");
        assertTrue(pair.matcher(output).find(), client + " did not print " + field + "=" + value + ": " + output);
    }

    private static String run(String example) throws IOException, InterruptedException {
        Path script = Files.createTempFile("seed-", "-" + example);
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seed-examples/" + example)) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = switch (example.substring(example.lastIndexOf('.') + 1)) {
            case "sh" -> List.of("bash", script.toString());
            case "js" -> List.of("node", script.toString());
            default -> List.of(System.getProperty("tikneuron.e2e.python", "python3"), script.toString());
        };
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BASE_URL", Stack.GATEWAY);
        builder.environment().put("API_KEY", CUSTOMER.key());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), example + " did not finish");
        assertEquals(0, process.exitValue(), example + " failed: " + output);
        Files.deleteIfExists(script);
        return output;
    }
}
