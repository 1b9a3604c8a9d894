package com.tikneuron.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The stand-in's data: video pages, short links and CDN files, read from {@code /fixtures} on the classpath. */
final class Fixtures {

    /** One video page as the fixtures describe it; {@code itemJson} is null for status-only pages. */
    record Video(String id, String layout, int status, String statusMsg, boolean challenged, String itemJson) {
    }

    private final Properties shortLinks;
    private final Map<String, String> runtimeShortLinks = new ConcurrentHashMap<>();
    private final String generatedItem;

    private Fixtures(Properties shortLinks, String generatedItem) {
        this.shortLinks = shortLinks;
        this.generatedItem = generatedItem;
    }

    static Fixtures fromClasspath() {
        Properties links = new Properties();
        read("short-links.properties").ifPresent(bytes -> {
            try {
                links.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String generated = read("generated/item.json")
                .map(b -> compact(new String(b, StandardCharsets.UTF_8)))
                .orElseThrow(() -> new IllegalStateException("fixtures/generated/item.json is missing"));
        return new Fixtures(links, generated);
    }

    /** The Location of a short link: one added at run time wins over the fixtures. */
    String shortLink(String hostAndCode) {
        String added = runtimeShortLinks.get(hostAndCode);
        return added != null ? added : shortLinks.getProperty(hostAndCode);
    }

    /** Makes {@code host/code} (or {@code host/t/code}) redirect to any location, TikTok's or not. */
    void addShortLink(String hostAndCode, String location) {
        runtimeShortLinks.put(hostAndCode, location);
    }

    /** A known video, a generated one, or the page TikTok serves for an id it does not know (status 10204). */
    Video video(String id) {
        Optional<byte[]> page = read("videos/" + id + "/page.properties");
        if (page.isEmpty() && Generated.isGenerated(id)) {
            return new Video(id, "universal", 0, "", false, Generated.itemJson(generatedItem, id));
        }
        if (page.isEmpty()) {
            return new Video(id, "universal", 10204, "item doesn't exist", false, null);
        }
        Properties props = new Properties();
        try {
            props.load(new StringReader(new String(page.get(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Fixtures are pretty-printed for people; pages carry the JSON on one line like TikTok's.
        String item = read("videos/" + id + "/item.json")
                .map(b -> compact(new String(b, StandardCharsets.UTF_8)))
                .orElse(null);
        return new Video(id, props.getProperty("layout", "universal"), Integer.parseInt(props.getProperty("status", "0")),
                props.getProperty("statusMsg", ""), Boolean.parseBoolean(props.getProperty("challenge", "false")), item);
    }

    /** JSON without the whitespace between tokens; strings are copied untouched. */
    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A file a CDN would serve at this (already vetted) path. */
    Optional<byte[]> cdnFile(String path) {
        byte[] generated = Generated.captionFor(path);
        return generated != null ? Optional.of(generated) : read("cdn" + path);
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
