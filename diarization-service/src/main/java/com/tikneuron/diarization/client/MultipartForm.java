package com.tikneuron.diarization.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body, the upload format of every remote speech and diarization server. */
public final class MultipartForm {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String boundary = "tikneuron-" + UUID.randomUUID();

    public MultipartForm field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public MultipartForm file(String name, String filename, String type, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The value of the Content-Type header that goes with this body. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] finish() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
