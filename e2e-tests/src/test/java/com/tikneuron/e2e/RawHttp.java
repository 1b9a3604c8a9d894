package com.tikneuron.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client would send: raw header bytes, bare CR or LF,
 * a chosen source address. One request per connection ({@code Connection: close}); the answer is read until the
 * server closes or the declared body has arrived.
 */
final class RawHttp {

    /** What came back: {@code status} is -1 when the server closed the connection without a status line. */
    record Answer(int status, List<String> headerLines, String body) {

        boolean closedWithoutAnswer() {
            return status == -1;
        }

        /** Values of a header (case-insensitive name). */
        List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values;
        }
    }

    private RawHttp() {
    }

    static String host() {
        return URI.create(Stack.GATEWAY).getHost();
    }

    static int port() {
        return URI.create(Stack.GATEWAY).getPort();
    }

    /** Sends the bytes as they are from the default source address and reads the answer. */
    static Answer send(byte[] request) throws IOException {
        return send(request, null);
    }

    /** Sends the bytes as they are, from the source address given (null: any), and reads the answer. */
    static Answer send(byte[] request, InetAddress source) throws IOException {
        return send(request, source, 30_000);
    }

    /** As {@link #send(byte[], InetAddress)}, failing with a SocketTimeoutException after that long without data. */
    static Answer send(byte[] request, InetAddress source, int timeoutMillis) throws IOException {
        try (Socket socket = connect(source)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything (a refused oversized request).
            }
            return read(socket.getInputStream());
        }
    }

    static Socket connect(InetAddress source) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(source, 0));
        }
        socket.connect(new InetSocketAddress(host(), port()), 5_000);
        return socket;
    }

    /** A POST with a JSON body and the extra header lines given (each without its CRLF). */
    static byte[] post(String path, String key, String body, String... extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host()).append(':').append(port()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        if (key != null) {
            head.append("API-KEY: ").append(key).append("\r\n");
        }
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), bytes);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Reads one answer; a reset or a close before the status line gives status -1. */
    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long contentLength = -1;
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                raw.write(buffer, 0, n);
                byte[] seen = raw.toByteArray();
                if (headEnd < 0) {
                    headEnd = indexOf(seen, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (headEnd >= 0) {
                        contentLength = declaredLength(new String(seen, 0, headEnd, StandardCharsets.ISO_8859_1));
                    }
                }
                if (headEnd >= 0 && contentLength >= 0 && seen.length >= headEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // connection reset: judged below by what arrived before it
        }
        byte[] all = raw.toByteArray();
        if (all.length == 0) {
            return new Answer(-1, List.of(), "");
        }
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length >= 2 && statusLine[0].startsWith("HTTP/") ? Integer.parseInt(statusLine[1]) : -1;
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        if (!headers.isEmpty() && chunked(headers)) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static boolean chunked(List<String> headers) {
        return headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked"));
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static long declaredLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
