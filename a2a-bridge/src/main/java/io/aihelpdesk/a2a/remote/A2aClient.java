package io.aihelpdesk.a2a.remote;

import io.aihelpdesk.tools.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one text message to a remote agent and waits for its answer: {@code SendMessage} to agents
 * whose card offers A2A 1.0, {@code message/send} (0.3) to the others, with the trace id in the
 * message metadata ({@code trace_id}, as the original sends it) and, when configured, a bearer token.
 */
public final class A2aClient {
    private final HttpClient http;
    private final String bearer;
    private final Duration timeout;

    /** @param bearer the token sent to remote agents ({@code HELPDESK_AGENT_API_KEY}), or null */
    public A2aClient(HttpClient http, String bearer, Duration timeout) {
        this.http = http;
        this.bearer = bearer == null || bearer.isBlank() ? null : bearer;
        this.timeout = timeout;
    }

    /** What the agent answered: the task's state (or {@code completed} for a plain message), its text, its data parts. */
    public record Answer(String taskId, String state, String text, List<Map<String, Object>> data) {
    }

    /** A remote agent that could not be asked: unreachable, refused, or not speaking A2A. */
    public static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @SuppressWarnings("unchecked")
    public Answer ask(RemoteAgent agent, String text, String traceId) throws Unreachable, InterruptedException {
        boolean v10 = agent.speaks10();
        Map<String, Object> part = new LinkedHashMap<>();
        if (!v10) {
            part.put("kind", "text");
        }
        part.put("text", text);
        Map<String, Object> message = new LinkedHashMap<>();
        if (!v10) {
            message.put("kind", "message");
        }
        message.put("messageId", UUID.randomUUID().toString());
        message.put("role", v10 ? "ROLE_USER" : "user");
        message.put("parts", List.of(part));
        message.put("metadata", Map.of("trace_id", traceId));
        Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", 1, "method", v10 ? "SendMessage" : "message/send",
                "params", Map.of("message", message));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent.rpcUrl())).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)));
        if (v10) {
            b.header("A2A-Version", "1.0");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(agent.name() + " at " + agent.rpcUrl() + " could not be reached: " + e, e);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new Unreachable(agent.name() + " refused the call (HTTP " + r.statusCode() + "): set HELPDESK_AGENT_API_KEY to a key it accepts", null);
        }
        Map<String, Object> body;
        try {
            body = Json.mapper().readValue(r.body(), Map.class);
        } catch (RuntimeException e) {
            throw new Unreachable(agent.name() + " answered HTTP " + r.statusCode() + " without a JSON-RPC body", e);
        }
        if (body.get("error") instanceof Map<?, ?> err) {
            throw new Unreachable(agent.name() + " answered JSON-RPC error " + err.get("code") + ": " + err.get("message"), null);
        }
        if (!(body.get("result") instanceof Map<?, ?> result)) {
            throw new Unreachable(agent.name() + " answered HTTP " + r.statusCode() + " without a result", null);
        }
        return answer((Map<String, Object>) result);
    }

    /** A task or a message, in the 0.3 ({@code kind}) or the 1.0 ({@code {"task": …}}) shape. */
    @SuppressWarnings("unchecked")
    static Answer answer(Map<String, Object> result) {
        Map<String, Object> task = result.get("task") instanceof Map<?, ?> t ? (Map<String, Object>) t
                : "task".equals(result.get("kind")) || result.containsKey("status") ? result : null;
        Map<String, Object> msg = result.get("message") instanceof Map<?, ?> m ? (Map<String, Object>) m : task == null ? result : null;
        List<String> texts = new ArrayList<>();
        List<Map<String, Object>> data = new ArrayList<>();
        if (task == null) {
            collect(msg == null ? null : msg.get("parts"), texts, data);
            return new Answer("", "completed", String.join("\n", texts), data);
        }
        Map<String, Object> status = task.get("status") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
        String state = String.valueOf(status.get("state")).replace("TASK_STATE_", "").toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (task.get("artifacts") instanceof List<?> artifacts) {
            for (Object a : artifacts) {
                collect(((Map<String, Object>) a).get("parts"), texts, data);
            }
        }
        if (texts.isEmpty() || !"completed".equals(state)) {
            List<String> statusTexts = new ArrayList<>();
            collect(status.get("message") instanceof Map<?, ?> sm ? ((Map<String, Object>) sm).get("parts") : null, statusTexts, data);
            texts.addAll(0, statusTexts);
        }
        return new Answer(String.valueOf(task.getOrDefault("id", "")), state, String.join("\n", texts), data);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object parts, List<String> texts, List<Map<String, Object>> data) {
        if (!(parts instanceof List<?> list)) {
            return;
        }
        for (Object o : list) {
            Map<String, Object> p = (Map<String, Object>) o;
            if (p.get("text") instanceof String t) {
                texts.add(t);
            } else if (p.get("data") instanceof Map<?, ?> d) {
                data.add((Map<String, Object>) d);
            }
        }
    }
}
