package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.Http;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A client that trickles its body is answered 408 and its connection closed once the body time is up. */
@QuarkusTest
@TestProfile(SlowBodyTest.OneSecond.class)
@QuarkusTestResource(Downstream.class)
class SlowBodyTest {

    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tikneuron.gateway.body-timeout", "1s");
        }
    }

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        Downstream.billing().activeKey("tn_live_slow_body_0001");
    }

    @Test
    void bodyThatNeverCompletesGets408AndTheConnectionCloses() throws Exception {
        URI gateway = Http.uri("/");
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/tiktok/subtitle HTTP/1.1\r\nHost: localhost\r\nAPI-KEY: tn_live_slow_body_0001\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\nX-Request-Id: req-slow-body\r\n\r\n{\"url\":")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long start = System.nanoTime();

            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                answer.write(b);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;

            String response = answer.toString(StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 408"), response);
            assertTrue(response.endsWith("{\"error_code\":\"request_timeout\",\"message\":\"The request body did not arrive"
                    + " within 1 seconds.\",\"request_id\":\"req-slow-body\"}"), response);
            // Not before the 1 s body timeout; the upper bound only catches a timeout that never fires, with ample
            // room for a busy 2-core machine.
            assertTrue(millis >= 900 && millis < 20_000, "answered and closed after " + millis + " ms");
        }
        assertEquals(0, Downstream.subtitle().received().size(), "nothing was forwarded");
    }
}
