package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How the A2A door writes: JSON-RPC results and errors, plain JSON, and task event streams (SSE). */
final class Replies {
    /** How often a stream that waits for its task sends an SSE comment. */
    private static final long KEEP_ALIVE_SECONDS = 15;

    private Replies() {
    }

    /** SSE: the task, working, each artifact, then the final status; each event a JSON-RPC response with the request's id. */
    static void stream(HttpServletResponse resp, Object id, Protocol protocol, Task task) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        PrintWriter out = resp.getWriter();
        event(out, id, protocol.taskEvent(task));
        event(out, id, protocol.statusEvent(task, false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(A2aServlet.BLOCKING_WAIT_SECONDS);
        while (!task.settled().isDone() && System.nanoTime() < deadline) {
            try {
                task.settled().get(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                out.write(": keep-alive\n\n"); // an SSE comment, so proxies keep a long call's stream open
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                break;
            }
        }
        Task.View v = task.view();
        for (Artifact a : v.artifacts()) {
            event(out, id, protocol.artifactEvent(task, a));
        }
        event(out, id, protocol.statusEvent(task, true));
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
