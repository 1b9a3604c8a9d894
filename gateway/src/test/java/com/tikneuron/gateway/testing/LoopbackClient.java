package com.tikneuron.gateway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests to the gateway under test from a loopback address of its own choosing (127.x.y.z), so a test can play
 * several clients whose addresses the gateway tells apart, without any forwarding header.
 */
public final class LoopbackClient {

    private final String address;
    private final HttpClient client;

    public LoopbackClient(String address) {
        this.address = address;
        try {
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .localAddress(InetAddress.getByName(address))
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    public String address() {
        return address;
    }

    /** POSTs the seed's subtitle body with the given API key. */
    public HttpResponse<String> subtitle(String apiKey) {
        HttpRequest request = Http.request("/api/v1/tiktok/subtitle", "Content-Type", "application/json",
                "API-KEY", apiKey).POST(HttpRequest.BodyPublishers.ofString(Seed.CURL_SUBTITLE)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
