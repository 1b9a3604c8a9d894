package com.tikneuron.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native images' reflection registration: Quarkus registers what crosses a REST resource or a REST client on
 * its own, but a type the code hands to Jackson itself (a Kafka payload, a cached JSON column, a bundled resource)
 * is invisible to it, and a native executable would then write {@code {}} or fail to read it. Quarkus offers no
 * check for that, so this one reads the main sources of every module: each type named in a hand-made Jackson call
 * ({@code writeValueAsString}, {@code readValue}, {@code convertValue}, {@code TypeReference}) must carry
 * {@code @RegisterForReflection} or be listed in one's {@code targets}, unless the JDK or Jackson itself owns it.
 */
class NativeRegistrationTest {

    private static final Path ROOT = Tools.DEPLOY.getParent();
    private static final Set<String> JDK_AND_JACKSON = Set.of("List", "Map", "Set", "String", "Integer", "Long", "Double",
            "Boolean", "Object", "JsonNode", "ObjectNode", "ArrayNode", "Instant", "OffsetDateTime", "UUID", "BigDecimal",
            "Collection", "LinkedHashMap", "HashMap", "ArrayList", "Optional", "byte", "int", "long");
    private static final Pattern REGISTERED = Pattern.compile(
            "@RegisterForReflection(?:\\s*\\([^)]*\\))?\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*(?:public\\s+|static\\s+|final\\s+|abstract\\s+)*(?:record|class|enum|interface)\\s+(\\w+)");
    private static final Pattern TARGETS = Pattern.compile("@RegisterForReflection\\s*\\(\\s*targets\\s*=\\s*\\{?([^})]*)");
    private static final Pattern READ_CLASS = Pattern.compile("(?:readValue|convertValue|treeToValue)\\([^;]*?,\\s*([A-Z]\\w*)\\.class");
    private static final Pattern TYPE_REFERENCE = Pattern.compile("new TypeReference<(.+?)>\\(\\)");
    private static final Pattern WRITE_NEW = Pattern.compile("writeValueAs(?:String|Bytes)\\(\\s*new\\s+([A-Z][\\w.]*)");
    private static final Pattern WRITE_VARIABLE = Pattern.compile("writeValueAs(?:String|Bytes)\\(\\s*([a-z]\\w*)\\s*\\)");
    private static final Pattern RECORD = Pattern.compile("record\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z]\\w*");

    @Test
    void everyTypeHandedToJacksonByHandIsRegisteredForReflection() {
        List<Path> sources = mainSources();
        assertTrue(sources.size() > 100, "the modules' main sources were found under " + ROOT + ": " + sources.size());
        // per module: a native image holds one module's classes, so another module's registration does not count
        Set<String> registered = new TreeSet<>();
        Map<String, List<String>> components = new HashMap<>();
        Map<String, String> uses = new TreeMap<>();
        for (Path source : sources) {
            String module = ROOT.relativize(source).getName(0).toString();
            String text = read(source);
            REGISTERED.matcher(text).results().forEach(m -> registered.add(module + ":" + m.group(1)));
            TARGETS.matcher(text).results().forEach(m -> IDENTIFIER.matcher(m.group(1).replace(".class", ""))
                    .results().forEach(t -> registered.add(module + ":" + last(t.group()))));
            RECORD.matcher(text).results().forEach(m -> components.put(module + ":" + m.group(1),
                    IDENTIFIER.matcher(m.group(2).replaceAll("@\\w+(\\([^)]*\\))?", "")).results().map(r -> r.group())
                            .filter(t -> !JDK_AND_JACKSON.contains(t)).toList()));
            for (String type : handSerialised(text)) {
                uses.putIfAbsent(module + ":" + type, ROOT.relativize(source).toString());
            }
        }
        assertTrue(!uses.isEmpty(), "hand-made Jackson calls were found");
        // a record's components are serialised with it: a List<Word> in a Segment needs Word registered too
        Deque<String> pending = new ArrayDeque<>(uses.keySet());
        while (!pending.isEmpty()) {
            String type = pending.pop();
            String module = type.substring(0, type.indexOf(':'));
            for (String component : components.getOrDefault(type, List.of())) {
                String key = module + ":" + component;
                if (components.containsKey(key) && uses.putIfAbsent(key, "a component of " + type) == null) {
                    pending.push(key);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        uses.forEach((type, where) -> {
            if (!registered.contains(type) && !JDK_AND_JACKSON.contains(type.substring(type.indexOf(':') + 1))) {
                missing.add(type + " (" + where + ")");
            }
        });
        assertEquals(List.of(), missing, "types serialised by hand without @RegisterForReflection");
    }

    /** The types a source hands to Jackson itself. */
    static Set<String> handSerialised(String text) {
        Set<String> types = new TreeSet<>();
        READ_CLASS.matcher(text).results().forEach(m -> types.add(m.group(1)));
        WRITE_NEW.matcher(text).results().forEach(m -> types.add(last(m.group(1))));
        TYPE_REFERENCE.matcher(text).results()
                .forEach(m -> IDENTIFIER.matcher(m.group(1)).results().forEach(t -> types.add(t.group())));
        Matcher variable = WRITE_VARIABLE.matcher(text);
        while (variable.find()) {
            declaredType(text, variable.group(1), variable.start()).ifPresent(types::add);
        }
        return types;
    }

    /**
     * The declared type of a variable or parameter: its nearest declaration before the call (a Java type: it starts
     * with a capital and is not an all-capitals word of an SQL string or a constant).
     */
    private static java.util.Optional<String> declaredType(String text, String variable, int call) {
        Matcher declaration = Pattern.compile(
                "(?<=[\\s(,])([A-Z][\\w.]*)(?:<([^<>]*(?:<[^<>]*>)?)>)?\\s+" + variable + "\\s*[=,);:]").matcher(text);
        String found = null;
        while (declaration.find() && declaration.start() < call) {
            String type = last(declaration.group(1));
            if (type.equals(type.toUpperCase(java.util.Locale.ROOT))) {
                continue;
            }
            if (declaration.group(2) != null && JDK_AND_JACKSON.contains(type)) {
                // a List<Segment> or Map<String, Track>: the element type is what needs registering
                List<String> inner = IDENTIFIER.matcher(declaration.group(2)).results().map(r -> r.group())
                        .filter(t -> !JDK_AND_JACKSON.contains(t)).toList();
                found = inner.isEmpty() ? type : inner.get(inner.size() - 1);
            } else {
                found = type;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    private static String last(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.local/"))
                    // the stand-ins and test support are never native: they run only beside the tests
                    .filter(p -> !ROOT.relativize(p).startsWith("tiktok-standin")
                            && !ROOT.relativize(p).startsWith("capability-test-support"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
