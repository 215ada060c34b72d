package io.aihelpdesk.a2a;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two A2A wire versions this bridge speaks on one endpoint, chosen by the JSON-RPC method name:
 * 0.3 ({@code message/send}, {@code kind} discriminators, {@code input-required}) and 1.0
 * ({@code SendMessage}, proto-JSON: {@code {"text": …}} parts, {@code TASK_STATE_INPUT_REQUIRED},
 * results wrapped as {@code {"task": …}}). The model ({@link Task}, {@link Part}) is version-free;
 * only this class knows the shapes.
 */
enum Protocol {
    V0_3("message/send", "message/stream", "tasks/get", "tasks/cancel", "tasks/resubscribe"),
    V1_0("SendMessage", "SendStreamingMessage", "GetTask", "CancelTask", "SubscribeToTask");

    /** What a method asks for, whatever its spelling. */
    enum Call { SEND, STREAM, GET, CANCEL, SUBSCRIBE }

    private final String send;
    private final String stream;
    private final String get;
    private final String cancel;
    private final String subscribe;

    Protocol(String send, String stream, String get, String cancel, String subscribe) {
        this.send = send;
        this.stream = stream;
        this.get = get;
        this.cancel = cancel;
        this.subscribe = subscribe;
    }

    /** The protocol and call a method name selects. */
    static Map.Entry<Protocol, Call> of(String method) throws RpcError {
        for (Protocol p : values()) {
            Call c = method.equals(p.send) ? Call.SEND : method.equals(p.stream) ? Call.STREAM
                    : method.equals(p.get) ? Call.GET : method.equals(p.cancel) ? Call.CANCEL
                    : method.equals(p.subscribe) ? Call.SUBSCRIBE : null;
            if (c != null) {
                return Map.entry(p, c);
            }
        }
        if (method.startsWith("tasks/pushNotificationConfig/") || method.contains("PushNotificationConfig")) {
            throw new RpcError(RpcError.PUSH_NOTIFICATION_NOT_SUPPORTED, "push notifications are not supported by this agent; "
                    + "use message/stream (SendStreamingMessage) or poll tasks/get (GetTask)");
        }
        if (List.of("ListTasks", "GetExtendedAgentCard", "agent/getAuthenticatedExtendedCard").contains(method)) {
            throw new RpcError(RpcError.UNSUPPORTED_OPERATION, method + " is not supported by this agent; it answers "
                    + "message/send, message/stream, tasks/get, tasks/cancel, tasks/resubscribe (A2A 0.3) and SendMessage, SendStreamingMessage, "
                    + "GetTask, CancelTask, SubscribeToTask (A2A 1.0)");
        }
        throw new RpcError(RpcError.METHOD_NOT_FOUND, "method '" + method + "' not found; this agent answers message/send, message/stream, "
                + "tasks/get, tasks/cancel, tasks/resubscribe (A2A 0.3) and SendMessage, SendStreamingMessage, GetTask, CancelTask, "
                + "SubscribeToTask (A2A 1.0)");
    }

    String state(TaskState s) {
        return this == V0_3 ? s.v03() : s.v10();
    }

    Map<String, Object> part(Part p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (this == V0_3) {
            out.put("kind", p.text() != null ? "text" : "data");
        }
        if (p.text() != null) {
            out.put("text", p.text());
        } else {
            out.put("data", p.data());
            if (this == V1_0) {
                out.put("mediaType", "application/json");
            }
        }
        return out;
    }

    List<Map<String, Object>> parts(List<Part> parts) {
        return parts.stream().map(this::part).toList();
    }

    Map<String, Object> message(String messageId, String role, List<Part> parts, Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (this == V0_3) {
            m.put("kind", "message");
        }
        m.put("messageId", messageId);
        m.put("role", this == V0_3 ? role : "ROLE_" + role.toUpperCase(java.util.Locale.ROOT));
        m.put("parts", parts(parts));
        m.put("taskId", t.id);
        m.put("contextId", t.contextId);
        return m;
    }

    Map<String, Object> status(Task t, Task.View v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state(v.state()));
        if (!v.status().isEmpty()) {
            s.put("message", message(t.id + "-status", "agent", v.status(), t));
        }
        s.put("timestamp", v.timestamp().toString());
        return s;
    }

    Map<String, Object> artifact(Artifact a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("artifactId", a.artifactId());
        out.put("name", a.name());
        if (a.description() != null && !a.description().isEmpty()) {
            out.put("description", a.description());
        }
        out.put("parts", parts(a.parts()));
        return out;
    }

    /** The task object; {@code historyLength} 0 leaves the history out, null keeps all of it. */
    Map<String, Object> task(Task t, Integer historyLength) {
        Task.View v = t.view();
        Map<String, Object> out = new LinkedHashMap<>();
        if (this == V0_3) {
            out.put("kind", "task");
        }
        out.put("id", t.id);
        out.put("contextId", t.contextId);
        out.put("status", status(t, v));
        if (!v.artifacts().isEmpty()) {
            out.put("artifacts", v.artifacts().stream().map(this::artifact).toList());
        }
        List<Map<String, Object>> history = new ArrayList<>();
        history.add(message(t.requestMessageId, "user", t.request, t));
        if (!v.status().isEmpty() && v.state() != TaskState.WORKING) {
            history.add(message(t.id + "-status", "agent", v.status(), t));
        }
        if (historyLength == null || historyLength > 0) {
            int keep = historyLength == null ? history.size() : Math.min(historyLength, history.size());
            out.put("history", history.subList(history.size() - keep, history.size()));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("agent", t.agent);
        meta.put("trace_id", t.traceId);
        meta.putAll(v.outcome());
        out.put("metadata", meta);
        return out;
    }

    /** The result of a send: the task itself (0.3) or {@code {"task": …}} (1.0). */
    Map<String, Object> sendResult(Task t) {
        Map<String, Object> task = task(t, null);
        return this == V0_3 ? task : Map.of("task", task);
    }

    /** A streamed event: the task as first seen. */
    Map<String, Object> taskEvent(Task t) {
        return sendResult(t);
    }

    Map<String, Object> statusEvent(Task t, boolean last) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (this == V0_3) {
            e.put("kind", "status-update");
        }
        e.put("taskId", t.id);
        e.put("contextId", t.contextId);
        e.put("status", status(t, t.view()));
        if (this == V0_3) {
            e.put("final", last);
        }
        e.put("metadata", Map.of("trace_id", t.traceId));
        return this == V0_3 ? e : Map.of("statusUpdate", e);
    }

    Map<String, Object> artifactEvent(Task t, Artifact a) {
        return artifactEvent(t, a, false, true);
    }

    /** @param append whether the parts continue the artifact's earlier chunks; {@code lastChunk} whether it is complete */
    Map<String, Object> artifactEvent(Task t, Artifact a, boolean append, boolean lastChunk) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (this == V0_3) {
            e.put("kind", "artifact-update");
        }
        e.put("taskId", t.id);
        e.put("contextId", t.contextId);
        e.put("artifact", artifact(a));
        if (append) {
            e.put("append", true);
        }
        e.put("lastChunk", lastChunk);
        return this == V0_3 ? e : Map.of("artifactUpdate", e);
    }
}
