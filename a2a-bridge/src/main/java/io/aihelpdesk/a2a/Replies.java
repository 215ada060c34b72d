package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How the A2A door writes: JSON-RPC results and errors, plain JSON, and task event streams (SSE). */
final class Replies {
    /** How often a stream that waits for its task sends an SSE comment. */
    private static final long KEEP_ALIVE_SECONDS = 15;

    private Replies() {
    }

    /**
     * SSE: the task, working, the pieces of a text answer as they come (artifact chunks), each
     * artifact, then the final status; each event a JSON-RPC response with the request's id. While
     * nothing happens an SSE comment goes out every {@link #KEEP_ALIVE_SECONDS}, so proxies keep a
     * long call's stream open.
     */
    static void stream(HttpServletResponse resp, Object id, Protocol protocol, Task task) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        PrintWriter out = resp.getWriter();
        event(out, id, protocol.taskEvent(task));
        event(out, id, protocol.statusEvent(task, false));
        boolean chunked = streamChunks(out, id, protocol, task);
        Task.View v = task.view();
        if (chunked) {
            Artifact answer = v.artifacts().isEmpty() ? null : v.artifacts().get(0);
            if (answer != null) {
                event(out, id, protocol.artifactEvent(task, new Artifact(answer.artifactId(), answer.name(), answer.description(),
                        List.of(Part.text(""))), true, true));
            }
        } else {
            for (Artifact a : v.artifacts()) {
                event(out, id, protocol.artifactEvent(task, a));
            }
        }
        event(out, id, protocol.statusEvent(task, true));
    }

    /** Waits for the task, sending its answer's pieces as they come; true when any was sent. */
    private static boolean streamChunks(PrintWriter out, Object id, Protocol protocol, Task task) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(A2aServlet.BLOCKING_WAIT_SECONDS);
        long quietSince = System.nanoTime();
        boolean sent = false;
        try {
            while (System.nanoTime() < deadline) {
                String chunk = task.nextChunk(200);
                if (chunk != null) {
                    sent = piece(out, id, protocol, task, chunk, sent);
                    quietSince = System.nanoTime();
                } else if (task.settled().isDone()) {
                    // the worker settles after its last piece: what is queued now is all that is left
                    for (String rest = task.nextChunk(0); rest != null; rest = task.nextChunk(0)) {
                        sent = piece(out, id, protocol, task, rest, sent);
                    }
                    return sent;
                } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS)) {
                    out.write(": keep-alive\n\n");
                    out.flush();
                    quietSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }

    /** One piece of a text answer as an artifact chunk; {@code after} whether earlier pieces went out. Returns true. */
    private static boolean piece(PrintWriter out, Object id, Protocol protocol, Task task, String chunk, boolean after) {
        Artifact piece = new Artifact(task.id + "-answer", "answer", "the answer to the question", List.of(Part.text(chunk)));
        event(out, id, protocol.artifactEvent(task, piece, after, false));
        return true;
    }

    private static void event(PrintWriter out, Object id, Map<String, Object> result) {
        out.write("data: " + Json.write(envelope(id, "result", result)) + "\n\n");
        out.flush();
    }

    private static Map<String, Object> envelope(Object id, String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("jsonrpc", "2.0");
        e.put("id", id);
        e.put(key, value);
        return e;
    }

    static void result(HttpServletResponse resp, Object id, Map<String, Object> result) throws IOException {
        plain(resp, 200, envelope(id, "result", result));
    }

    static void error(HttpServletResponse resp, Object id, RpcError e) throws IOException {
        plain(resp, 200, envelope(id, "error", e.body()));
    }

    static void plain(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(Json.write(body));
    }

}
