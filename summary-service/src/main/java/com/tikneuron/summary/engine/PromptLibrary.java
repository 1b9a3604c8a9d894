package com.tikneuron.summary.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tikneuron.summary.config.SummaryConfig;

/**
 * The prompt files of one version (src/main/resources/prompts/&lt;version&gt;/). The version that enters the cache
 * key is the folder name plus a digest of the files' content, so editing a prompt in place still invalidates
 * every summary written with the old wording.
 */
@ApplicationScoped
public class PromptLibrary {

    static final List<String> FILES = List.of("system", "bulletpoint", "textual", "structured", "user", "chunk",
            "chunk-user", "retry");

    private final Map<String, String> templates = new LinkedHashMap<>();
    private final String version;

    @Inject
    public PromptLibrary(SummaryConfig config) {
        this(config.promptVersion());
    }

    PromptLibrary(String folder) {
        MessageDigest digest = sha256();
        for (String name : FILES) {
            String text = read("prompts/" + folder + "/" + name + ".txt");
            templates.put(name, text);
            digest.update((name + "\n" + text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        this.version = folder + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    public String version() {
        return version;
    }

    /** The named template with each {{key}} replaced; values are inserted as they are, never re-scanned. */
    public String render(String name, Map<String, String> values) {
        String template = templates.get(name);
        StringBuilder out = new StringBuilder(template.length() + 256);
        int position = 0;
        while (position < template.length()) {
            int open = template.indexOf("{{", position);
            int close = open < 0 ? -1 : template.indexOf("}}", open);
            if (close < 0) {
                out.append(template, position, template.length());
                break;
            }
            out.append(template, position, open);
            String key = template.substring(open + 2, close);
            out.append(values.getOrDefault(key, ""));
            position = close + 2;
        }
        return out.toString().strip();
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt file missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
