package com.tikneuron.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each service's images are multi-stage, run as the user the Deployments expect, and expose the service's port. */
class DockerfilesTest {

    private static List<Map<String, Object>> prod;

    @BeforeAll
    static void render() {
        prod = Manifests.render(Manifests.overlay("prod"));
    }

    @ParameterizedTest
    @CsvSource({"gateway, 8080, jvm", "subtitle-service, 8081, jvm", "summary-service, 8082, jvm", "diarization-service, 8083, jvm",
        "billing-service, 8084, jvm", "gateway, 8080, native", "subtitle-service, 8081, native", "summary-service, 8082, native",
        "diarization-service, 8083, native", "billing-service, 8084, native", "jobs-service, 8085, jvm",
        "jobs-service, 8085, native"})
    void imagesAreMultiStageNonRootAndMatchTheDeployment(String service, int port, String flavour) throws IOException {
        Path dockerfile = Tools.DEPLOY.getParent().resolve(service).resolve("src/main/docker/Dockerfile." + flavour);
        String text = Files.readString(dockerfile);
        assertEquals(2, Pattern.compile("(?m)^FROM ").matcher(text).results().count(), "build stage and runtime stage");
        assertTrue(text.contains("-pl " + service + " -am package"), "builds this service");
        assertTrue(text.contains("native".equals(flavour) ? "mandrel-builder-image" : "eclipse-temurin:25-jdk"), "builder image");
        List<String> artifact = "native".equals(flavour)
                ? List.of("package -Dnative", "/target/*-runner")
                : List.of("/target/quarkus-app/lib/", "quarkus-run.jar");
        assertTrue(artifact.stream().allMatch(text::contains), "packages and copies the " + flavour + " artifact");

        Matcher user = Pattern.compile("(?m)^USER (\\d+)(:\\d+)?\\s*$").matcher(text);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        Map<String, Object> pod = Manifests.map(Manifests.find(prod, "Deployment", service).orElseThrow(), "spec", "template", "spec");
        assertEquals(String.valueOf(Manifests.map(pod, "securityContext").get("runAsUser")), lastUser, "runs as the Deployment's user");
        assertTrue(text.contains("EXPOSE " + port), "exposes " + port);
        if ("jvm".equals(flavour)) {
            // the AOT cache is recorded in the runtime stage, by the image's own JVM, and the entrypoint maps it
            int training = text.indexOf("RUN sh /tmp/aot-training.sh");
            assertTrue(training > text.lastIndexOf("FROM "), "records the AOT cache in the runtime stage");
            assertTrue(training > text.indexOf("/target/quarkus-app/lib/"), "records it after the application is in place");
            assertTrue(text.contains("-XX:AOTCache=/deployments/app.aot"), "starts with the AOT cache");
        }
        if (service.equals("diarization-service")) {
            for (String needed : List.of("ffmpeg", "/opt/vosk-model", "TIKNEURON_DIARIZATION_VOSK_MODEL_PATH",
                    "tesseract-ocr-eng", "tesseract-ocr-spa", "tesseract-ocr-ind", "tesseract-ocr-deu",
                    "tesseract-ocr-fra", "tesseract-ocr-dan", "tesseract-ocr-ara", "tesseract-ocr-ita")) {
                assertTrue(text.contains(needed), "the diarization image carries " + needed);
            }
        }
    }
}
