package io.aihelpdesk.server.mcp;

import io.aihelpdesk.tools.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The stdio transport's two streams, guarded. {@link #input} passes on only lines that are JSON-RPC
 * messages ({@link JsonRpcShape}); any other line is answered with a JSON-RPC error on stdout and
 * dropped, because the SDK stops reading stdin for good after one malformed line (and then never
 * sees end of input either). {@link #output} writes whole lines atomically, so those error answers
 * never interleave with the SDK's own.
 */
public final class StdioLines {
    /** Longest line accepted, in bytes. */
    static final int MAX_LINE = 32 << 20;
    /** How long answers owed at end of input are waited for: longer than any tool's own time limit. */
    static final java.time.Duration ANSWER_AFTER_EOF = java.time.Duration.ofSeconds(180);
    private final InputStream in;
    private final Output out;
    /** Ids of the client's requests read but not yet answered: end of input waits for them ({@link #awaitAnswered}). */
    private final java.util.Set<String> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public StdioLines(InputStream in, OutputStream out) {
        this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in, 1 << 16);
        this.out = new Output(out);
    }

    /** What the SDK reads: the valid lines of stdin, each ending in a newline. */
    public InputStream input() {
        return new Input();
    }

    /**
     * Waits until every request read so far has been answered (true), or {@code max} has passed (false).
     * A client may write its requests and close stdin at once; the answers are still owed.
     */
    public boolean awaitAnswered(java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (unanswered) {
            while (!unanswered.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                unanswered.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void answered(byte[] line) {
        if (unanswered.isEmpty()) {
            return;
        }
        try {
            JsonNode tree = Json.mapper().readTree(line);
            if (tree.isObject() && tree.has("id") && !tree.has("method") && unanswered.remove(tree.get("id").toString())) {
                synchronized (unanswered) {
                    unanswered.notifyAll();
                }
            }
        } catch (JacksonException notJson) {
            // not an answer to anything
        }
    }

    /** What the SDK writes to: stdout, a whole line at a time. */
    public OutputStream output() {
        return out;
    }

    private final class Input extends InputStream {
        private byte[] line = new byte[0];
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= line.length) {
                if (eof || !next()) {
                    if (!eof) {
                        eof = true;
                        // The SDK stops serving at end of input: it sees it only once the answers owed are out.
                        try {
                            if (!awaitAnswered(ANSWER_AFTER_EOF)) {
                                System.err.println("helpdesk mcp: input ended; requests unanswered after "
                                        + ANSWER_AFTER_EOF.toSeconds() + " s are dropped");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return -1;
                }
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Reads lines until a valid one (then true) or end of input (false). */
        private boolean next() throws IOException {
            while (true) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                boolean tooLong = false;
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (buf.size() < MAX_LINE) {
                        buf.write(c);
                    } else {
                        tooLong = true;
                    }
                }
                if (c < 0 && buf.size() == 0) {
                    return false;
                }
                String text = buf.toString(StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    continue;
                }
                String problem = tooLong ? "the line is longer than " + MAX_LINE + " bytes" : null;
                JsonNode tree = null;
                if (problem == null) {
                    try {
                        tree = Json.mapper().readTree(text);
                        problem = JsonRpcShape.problem(tree);
                    } catch (JacksonException e) {
                        out.line(JsonRpcShape.error(null, JsonRpcShape.PARSE_ERROR, "Parse error: the line is not JSON (" + e.getOriginalMessage() + ")"));
                        continue;
                    }
                }
                if (problem != null) {
                    JsonNode id = tree == null || !tree.isObject() ? null : tree.get("id");
                    out.line(JsonRpcShape.error(id != null && (id.isString() || id.isIntegralNumber()) ? id : null,
                            JsonRpcShape.INVALID_REQUEST, "Invalid Request: " + problem));
                    continue;
                }
                if (tree.has("method") && tree.has("id")) {
                    unanswered.add(tree.get("id").toString());
                }
                line = (text + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Buffers the SDK's bytes and writes each completed line, with the guard's answers, under one lock. */
    private final class Output extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Output(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            pending.write(b);
            if (b == '\n') {
                pending.writeTo(target);
                target.flush();
                answered(pending.toByteArray());
                pending.reset();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }

        synchronized void line(String json) throws IOException {
            target.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            target.close();
        }
    }
}
