package com.tikneuron.summary.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PromptLibraryTest {

    private final PromptLibrary prompts = new PromptLibrary("v1");

    @Test
    void versionIsTheFolderNameAndADigestOfTheFiles() {
        assertTrue(prompts.version().matches("v1-[0-9a-f]{12}"), prompts.version());
    }

    @Test
    void valuesAreInsertedWithoutBeingReadAsPlaceholders() {
        String rendered = prompts.render("chunk-user", Map.of("part", "2", "parts", "5", "transcript", "say {{part}} twice"));
        assertTrue(rendered.startsWith("Part 2 of 5 of the transcript:"), rendered);
        assertTrue(rendered.contains("say {{part}} twice"));
    }

    @Test
    void systemPromptNamesTheLanguageAndCarriesTheFormat() {
        String rendered = prompts.render("system", Map.of("language_name", "Danish", "format", "FORMAT HERE"));
        assertTrue(rendered.contains("Write in Danish"));
        assertEquals(rendered.strip(), rendered);
        assertTrue(rendered.endsWith("FORMAT HERE"));
    }
}
