package io.aihelpdesk.server.http;

import io.aihelpdesk.tools.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * In front of the MCP message endpoints: a POST body must be at most {@value #MAX_BYTES} bytes of
 * JSON that is one JSON-RPC message ({@link io.aihelpdesk.server.mcp.JsonRpcShape}). Anything else
 * gets a JSON-RPC error with HTTP 400 (413 when too large) here, instead of reaching the SDK, which
 * answers some malformed bodies with a 500 that carries a Java stack trace. The body is passed on
 * unchanged.
 */
final class JsonRpcBody implements Filter {
    static final int MAX_BYTES = 4 << 20;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (!"POST".equals(req.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            reject(resp, 413, io.aihelpdesk.server.mcp.JsonRpcShape.INVALID_REQUEST, "Invalid Request: the body is larger than " + MAX_BYTES + " bytes");
            return;
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            reject(resp, 400, io.aihelpdesk.server.mcp.JsonRpcShape.PARSE_ERROR, "Parse error: the body is not JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        String problem = io.aihelpdesk.server.mcp.JsonRpcShape.problem(tree);
        if (problem != null) {
            reject(resp, 400, io.aihelpdesk.server.mcp.JsonRpcShape.INVALID_REQUEST, "Invalid Request: " + problem);
            return;
        }
        chain.doFilter(new Cached(req, body), response);
    }

    private static void reject(HttpServletResponse resp, int status, int code, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getOutputStream().write(io.aihelpdesk.server.mcp.JsonRpcShape.error(null, code, message).getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body replayed from memory. */
    private static final class Cached extends HttpServletRequestWrapper {
        private final byte[] body;

        Cached(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is already in memory: it is available at once, and then all read. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
