package com.tikneuron.diarization.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TikTokImageClientTest {

    private static final List<String> HOSTS = List.of("tiktokcdn.com", "tiktokcdn-us.com", "tiktokcdn-eu.com", "ibyteimg.com");

    @ParameterizedTest
    @ValueSource(strings = {
        "https://p16-sign-va.tiktokcdn.com/tos-maliva-i-photomode-us/abc~tplv-photomode-image.jpeg?x-expires=1&x-signature=a",
        "https://p19-sign.tiktokcdn-us.com/obj/photo.webp",
        "https://P16-SIGN-SG.TIKTOKCDN.COM:443/a.jpeg",
        "https://p3-pc-sign.ibyteimg.com/a.jpeg"})
    void slidesOnTikToksImageCdnAreAllowed(String url) {
        assertTrue(TikTokImageClient.allowed(url, HOSTS), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://p16-sign-va.tiktokcdn.com/a.jpeg",
        "https://tiktokcdn.com.evil.net/a.jpeg",
        "https://eviltiktokcdn.com/a.jpeg",
        "https://p16-sign-va.tiktokcdn.com@169.254.169.254/a.jpeg",
        "https://p16-sign-va.tiktokcdn.com:8443/a.jpeg",
        "https://169.254.169.254/latest/meta-data",
        "https://www.tiktok.com/@_/photo/7419126507114642003",
        "ftp://p16-sign-va.tiktokcdn.com/a.jpeg",
        "https://p16-sign-va.tiktokcdn.com",
        "not a url"})
    void anythingElseIsRefused(String url) {
        assertEquals(false, TikTokImageClient.allowed(url, HOSTS), url);
    }

    @Test
    void anImageOriginStartsOnlyInTheStandInProfiles() {
        Optional<URI> origin = Optional.of(URI.create("http://127.0.0.1:8090"));
        assertTrue(TikTokImageClient.refusal(origin, List.of("prod")).isPresent());
        assertTrue(TikTokImageClient.refusal(origin, List.of("staging")).isPresent());
        assertTrue(TikTokImageClient.refusal(origin, List.of("standin", "prod")).isPresent());
        assertTrue(TikTokImageClient.refusal(origin, List.of("standin")).isEmpty());
        assertTrue(TikTokImageClient.refusal(origin, List.of("test")).isEmpty());
        assertTrue(TikTokImageClient.refusal(Optional.empty(), List.of("prod")).isEmpty());
    }
}
