package io.aihelpdesk.server.observe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal OTLP/HTTP trace receiver (JDK HTTP server): accepts {@code POST /v1/traces} with an
 * {@code application/x-protobuf} ExportTraceServiceRequest and decodes the spans with a small
 * protobuf reader written from the OTLP .proto field numbers, independently of the exporter.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span: ids in hex, kind (1 internal, 2 server), string attributes, status code (2 = error). */
    record Span(String traceId, String spanId, String parentSpanId, String name, int kind, Map<String, String> attributes, int statusCode) {
    }

    private final com.sun.net.httpserver.HttpServer server;
    final List<Span> spans = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            spans.addAll(decode(body));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest{1 resource_spans} ResourceSpans{2 scope_spans} ScopeSpans{2 spans}
    static List<Span> decode(byte[] request) {
        List<Span> out = new ArrayList<>();
        for (byte[] resourceSpans : fields(request, 1)) {
            for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                for (byte[] span : fields(scopeSpans, 2)) {
                    out.add(span(span));
                }
            }
        }
        return out;
    }

    // Span{1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes, 15 status{3 code}}
    private static Span span(byte[] s) {
        Map<String, String> attributes = new HashMap<>();
        for (byte[] kv : fields(s, 9)) { // KeyValue{1 key, 2 AnyValue{1 string_value}}
            String key = text(first(kv, 1));
            byte[] value = first(kv, 2);
            byte[] string = value == null ? null : first(value, 1);
            if (string != null) {
                attributes.put(key, text(string));
            }
        }
        byte[] status = first(s, 15);
        return new Span(hex(first(s, 1)), hex(first(s, 2)), hex(first(s, 4)), text(first(s, 5)), (int) varintField(s, 6),
                attributes, status == null ? 0 : (int) varintField(status, 3));
    }

    private static String hex(byte[] b) {
        return b == null ? "" : HexFormat.of().formatHex(b);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] first(byte[] message, int field) {
        List<byte[]> all = fields(message, field);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The length-delimited values of {@code field}, skipping every other field. */
    private static List<byte[]> fields(byte[] m, int field) {
        List<byte[]> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < m.length) {
            long tag = varint(m, pos);
            int type = (int) (tag & 7);
            switch (type) {
                case 0 -> varint(m, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    int len = (int) varint(m, pos);
                    if (tag >>> 3 == field) {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        b.write(m, pos[0], len);
                        out.add(b.toByteArray());
                    }
                    pos[0] += len;
                }
                default -> throw new IllegalArgumentException("wire type " + type + " at " + pos[0]);
            }
        }
        return out;
    }

    private static long varintField(byte[] m, int field) {
        int[] pos = {0};
        while (pos[0] < m.length) {
            long tag = varint(m, pos);
            int type = (int) (tag & 7);
            if (type == 0) {
                long v = varint(m, pos);
                if (tag >>> 3 == field) {
                    return v;
                }
            } else if (type == 2) {
                int len = (int) varint(m, pos);
                pos[0] += len;
            } else {
                pos[0] += type == 1 ? 8 : 4;
            }
        }
        return 0;
    }

    private static long varint(byte[] m, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = m[pos[0]++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }
}
