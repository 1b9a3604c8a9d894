package com.tikneuron.portal.playground;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.qute.TemplateData;

/** The playground's call written as curl, Python and JavaScript, laid out like the API's published examples. */
@TemplateData
public record CodeSamples(String curl, String python, String javascript) {

    /** The key is never printed: samples name the placeholder the published examples use. */
    public static final String KEY_PLACEHOLDER = "your_api_key_here";

    public static CodeSamples of(String baseUrl, String path, Map<String, String> body) {
        String url = baseUrl.replaceAll("/+$", "") + path;
        String json = body.entrySet().stream()
                .map(field -> "\"" + field.getKey() + "\": \"" + escape(field.getValue()) + "\"")
                .collect(Collectors.joining(",\n"));
        String curl = "curl -X POST " + url + " \\\n"
                + "-H \"Content-Type: application/json\" \\\n"
                + "-H \"API-KEY: " + KEY_PLACEHOLDER + "\" \\\n"
                + "-d '{\n" + json.replace("'", "'\\''") + "\n}'";
        String jsBody = body.entrySet().stream()
                .map(field -> field.getKey() + ": '" + field.getValue().replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(",\n"));
        String javascript = "fetch('" + url + "', {\n"
                + "method: 'POST',\n"
                + "headers: {\n"
                + "'Content-Type': 'application/json',\n"
                + "'API-KEY': '" + KEY_PLACEHOLDER + "'\n"
                + "},\n"
                + "body: JSON.stringify({\n" + jsBody + "\n})\n"
                + "})\n"
                + ".then(response => response.json())\n"
                + ".then(data => console.log(data))\n"
                + ".catch(error => console.error('Error:', error));";
        String python = "import requests\n"
                + "import json\n"
                + "url = \"" + url + "\"\n"
                + "headers = {\n"
                + "\"Content-Type\": \"application/json\",\n"
                + "\"API-KEY\": \"" + KEY_PLACEHOLDER + "\"\n"
                + "}\n"
                + "data = {\n" + json + "\n}\n"
                + "response = requests.post(url, headers=headers, data=json.dumps(data))\n"
                + "result = response.json()\n"
                + "print(result)";
        return new CodeSamples(curl, python, javascript);
    }

    public static Map<String, String> body(String url, String optionName, String optionValue) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("url", url);
        if (optionName != null && optionValue != null && !optionValue.isBlank()) {
            body.put(optionName, optionValue);
        }
        return body;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
