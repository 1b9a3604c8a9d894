package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.Http;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** /q/openapi serves the published contract (contracts/public-api.yaml) with the seed's examples. */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servedDocumentIsThePublishedContract() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(new File("../contracts/public-api.yaml"));

        HttpResponse<String> response = Http.get("/q/openapi?format=json");

        assertEquals(200, response.statusCode());
        JsonNode served = JSON.readTree(response.body());
        assertEquals(contract.get("paths"), served.get("paths"));
        assertEquals(contract.get("components"), served.get("components"));
        assertEquals(contract.get("info").get("title"), served.get("info").get("title"));
    }

    @Test
    void servedDocumentCarriesTheSeedExamples() throws Exception {
        JsonNode served = JSON.readTree(Http.get("/q/openapi?format=json").body());

        JsonNode subtitle = served.at("/paths/~1api~1v1~1tiktok~1subtitle/post");
        assertEquals("srt", subtitle.at("/requestBody/content/application~1json/example/format").asText());
        assertEquals("1\n00:00:00,000 --> 00:00:03,000\nHello everyone, welcome to my video",
                subtitle.at("/responses/200/content/application~1json/example/subtitle_content").asText());
        JsonNode summarize = served.at("/paths/~1api~1v1~1tiktok~1summarize/post");
        assertEquals("bulletpoint", summarize.at("/requestBody/content/application~1json/example/summary_type").asText());
        assertEquals("[\"bulletpoint\",\"textual\"]",
                served.at("/components/schemas/SummarizeRequest/properties/summary_type/enum").toString());
        assertEquals("Invalid API Key",
                served.at("/components/responses/InvalidApiKey/content/application~1json/example/error").asText());
    }

    @Test
    void swaggerUiIsServed() {
        HttpResponse<String> response = Http.get("/q/swagger-ui/");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("swagger"));
    }
}
