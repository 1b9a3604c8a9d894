package com.tikneuron.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Renders Kustomize directories with kubectl and gives the documents as plain maps. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Every directory under deploy/k8s/overlays and deploy/k8s/optional that holds a kustomization. */
    static List<Path> kustomizations() {
        List<Path> found = new ArrayList<>();
        for (String parent : List.of("k8s/overlays", "k8s/optional")) {
            try (Stream<Path> dirs = Files.list(Tools.DEPLOY.resolve(parent))) {
                dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    static final Path DEPLOY_K8S = Tools.DEPLOY.resolve("k8s");

    static Path overlay(String name) {
        return DEPLOY_K8S.resolve("overlays").resolve(name);
    }

    static List<Map<String, Object>> render(Path kustomization) {
        return parse(renderText(kustomization));
    }

    static String renderText(Path kustomization) {
        Tools.Result result = Tools.run(List.of(Tools.kubectl().toString(), "kustomize", kustomization.toString()),
                Duration.ofMinutes(2));
        if (result.exit() != 0) {
            throw new IllegalArgumentException("kubectl kustomize " + kustomization + " failed: " + result.err());
        }
        return result.out();
    }

    static List<Map<String, Object>> parse(String yaml) {
        try (MappingIterator<Map<String, Object>> docs = YAML.readerFor(new TypeReference<Map<String, Object>>() { })
                .readValues(yaml)) {
            List<Map<String, Object>> all = new ArrayList<>();
            while (docs.hasNextValue()) {
                Map<String, Object> doc = docs.nextValue();
                if (doc != null && !doc.isEmpty()) {
                    all.add(doc);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(Map<String, Object> doc) {
        return String.valueOf(doc.get("kind"));
    }

    static String name(Map<String, Object> doc) {
        return String.valueOf(map(doc, "metadata").get("name"));
    }

    static Optional<Map<String, Object>> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(doc -> kind.equals(kind(doc)) && name.equals(name(doc))).findFirst();
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(doc -> kind.equals(kind(doc))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return Map.of();
            }
            current = m.get(key);
        }
        return current instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object current = node;
        for (int i = 0; i < path.length - 1; i++) {
            current = map(current, path[i]);
        }
        Object value = path.length == 0 ? current : map(current).get(path[path.length - 1]);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
