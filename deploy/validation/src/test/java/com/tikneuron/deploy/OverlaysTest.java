package com.tikneuron.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OverlaysTest {

    static List<Path> kustomizations() {
        return Manifests.kustomizations();
    }

    @Test
    void devAndProdOverlaysExist() {
        List<String> names = kustomizations().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("dev", "prod")), "overlays found: " + names);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyKustomizationRendersToValidManifests(Path kustomization) {
        List<Map<String, Object>> docs = Manifests.render(kustomization);
        List<String> errors = new ManifestValidator().validate(docs);
        assertEquals(List.of(), errors, "invalid manifests in " + kustomization);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everythingLandsInTheProductNamespace(Path kustomization) {
        for (Map<String, Object> doc : Manifests.render(kustomization)) {
            Object namespace = "Namespace".equals(Manifests.kind(doc))
                    ? Manifests.name(doc)
                    : Manifests.map(doc, "metadata").get("namespace");
            assertEquals("tikneuron", namespace, Manifests.kind(doc) + " " + Manifests.name(doc));
        }
    }
}
