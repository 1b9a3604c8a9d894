package com.tikneuron.subtitle.tiktok;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Solves TikTok's proof-of-work page: find {@code i} with {@code sha256(b64decode(v.a) + i) == b64decode(v.c)},
 * write {@code v.d = b64(i)} and hand back the re-encoded JSON as the cookie value. CPU-bound: run it off the event loop.
 */
public final class BotChallenge {

    private final ObjectMapper mapper;
    private final int maxIterations;

    public BotChallenge(ObjectMapper mapper, int maxIterations) {
        this.mapper = mapper;
        this.maxIterations = maxIterations;
    }

    /** The cookie value that answers the challenge, or empty when it cannot be read or has no answer in range. */
    public Optional<String> solve(String encodedChallenge) {
        try {
            JsonNode root = mapper.readTree(Base64.getDecoder().decode(encodedChallenge));
            JsonNode v = root.path("v");
            if (!v.isObject() || !v.path("a").isTextual() || !v.path("c").isTextual()) {
                return Optional.empty();
            }
            byte[] salt = Base64.getDecoder().decode(v.path("a").asText());
            byte[] expected = Base64.getDecoder().decode(v.path("c").asText());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i <= maxIterations; i++) {
                sha.update(salt);
                sha.update(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
                if (Arrays.equals(sha.digest(), expected)) {
                    ((ObjectNode) v).put("d", Base64.getEncoder().encodeToString(Integer.toString(i).getBytes(StandardCharsets.US_ASCII)));
                    return Optional.of(Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(root)));
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
