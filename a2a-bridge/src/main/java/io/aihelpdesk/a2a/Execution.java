package io.aihelpdesk.a2a;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an A2A message into a task and runs it: a data part {@code {"tool": …, "arguments": {…}}}
 * runs exactly that tool through the governance {@link Pipeline} (door {@code a2a}, the
 * authenticated caller, the message's trace id) with no language model; text goes to the
 * {@link TextAnswerer}. Work runs off the request thread so a task can be canceled or returned
 * before it ends.
 */
final class Execution implements AutoCloseable {
    static final String DOOR = "a2a";
    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
    private static final String TRACE_PATTERN = "[A-Za-z0-9_.:-]{1,64}";
    private final Pipeline pipeline;
    private final TextAnswerer answerer;
    private final Tasks tasks = new Tasks();
    /** Tasks that may run at once, and that may wait for a worker beyond those; more are refused. */
    static final int WORKERS = 32;
    static final int WAITING = 256;
    private final int workerCount;
    private final int waitingCount;
    private final ExecutorService workers;

    Execution(Pipeline pipeline, TextAnswerer answerer) {
        this(pipeline, answerer, WORKERS, WAITING);
    }

    /** @param waiting how many started tasks may wait for a worker (0: none) */
    Execution(Pipeline pipeline, TextAnswerer answerer, int workers, int waiting) {
        this.pipeline = pipeline;
        this.answerer = answerer;
        this.workerCount = workers;
        this.waitingCount = waiting;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                waiting == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(waiting), r -> {
                    Thread t = new Thread(r, "a2a-task-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
    }

    /** Starts work for a task, or settles it as refused when every worker is busy and the waiting line is full. */
    private Future<?> submit(Task task, Runnable work) {
        try {
            return workers.submit(work);
        } catch (RejectedExecutionException e) {
            task.settle(TaskState.FAILED, List.of(Part.text("the server is busy: " + workerCount + " A2A tasks are running and "
                    + waitingCount + " are waiting — nothing ran; send the message again later")), List.of(), Map.of("outcome", "busy"));
            return null;
        }
    }

    Tasks tasks() {
        return tasks;
    }

    /**
     * Creates the task of a message and starts it.
     *
     * @param params      the JSON-RPC params ({@code message}, {@code metadata}, {@code configuration})
     * @param headerTrace the trace id of the HTTP request ({@code traceparent}/{@code X-Trace-ID}), or null
     */
    Task start(DomainAgent agent, Map<String, Object> params, Caller caller, String headerTrace) throws RpcError {
        return start(agent, params, caller, headerTrace, false);
    }

    /** @param streaming whether the request streams: a text answer's pieces are then kept for the stream as they come */
    @SuppressWarnings("unchecked")
    Task start(DomainAgent agent, Map<String, Object> params, Caller caller, String headerTrace, boolean streaming) throws RpcError {
        if (!(params.get("message") instanceof Map<?, ?> raw)) {
            throw new RpcError(RpcError.INVALID_PARAMS, "params.message is required: {\"message\": {\"role\": \"user\", \"messageId\": …, "
                    + "\"parts\": [{\"text\": \"…\"}]}}");
        }
        Map<String, Object> message = (Map<String, Object>) raw;
        if (message.get("taskId") instanceof String taskId && !taskId.isBlank()) {
            return resume(taskId, agent, caller);
        }
        List<Part> parts = parts(message.get("parts"));
        Map<String, Object> call = toolCall(parts);
        String text = String.join("\n", parts.stream().filter(p -> p.text() != null).map(Part::text).toList()).trim();
        if (call == null && text.isEmpty()) {
            throw new RpcError(RpcError.INVALID_PARAMS, "the message has neither a text part nor a data part {\"tool\": …, \"arguments\": {…}}");
        }
        if (call != null) {
            String tool = call.get("tool").toString();
            ToolDefinition<?, ?> def = pipeline.catalog().find(tool).orElse(null);
            if (def != null && !agent.owns(def)) {
                throw new RpcError(RpcError.INVALID_PARAMS, tool + " is a skill of " + DomainAgent.owner(def).name() + ", not of "
                        + agent.name() + ": send it to that agent, or to " + DomainAgent.ORCHESTRATOR);
            }
        }
        String trace = trace(message.get("metadata"), params.get("metadata"), headerTrace);
        String contextId = message.get("contextId") instanceof String c && !c.isBlank() ? c : UUID.randomUUID().toString();
        String messageId = message.get("messageId") instanceof String m && !m.isBlank() ? m : UUID.randomUUID().toString();
        Task task = new Task(UUID.randomUUID().toString(), contextId, agent.name(), caller.id(), trace, parts, messageId, call,
                streaming && call == null);
        tasks.add(task);
        task.working(submit(task, () -> run(task, agent, caller, text)));
        return task;
    }

    /**
     * A message naming a task continues it: a task waiting for an approval ({@code input-required})
     * runs its call again, same caller and trace id — once the approval is granted the pipeline lets
     * it through. Ended tasks cannot be continued.
     */
    private Task resume(String taskId, DomainAgent agent, Caller caller) throws RpcError {
        Task task = tasks.find(taskId, agent.name(), caller.id())
                .orElseThrow(() -> new RpcError(RpcError.TASK_NOT_FOUND, "task " + taskId + " not found for " + caller.id() + " at " + agent.name()));
        if (task.toolCall == null || !task.resume(t -> submit(t, () -> run(t, agent, caller, "")))) {
            throw new RpcError(RpcError.INVALID_PARAMS, "task " + taskId + " is " + task.view().state().v03()
                    + ": only a task waiting for an approval (input-required) can be continued; send a new message without taskId");
        }
        return task;
    }

    private void run(Task task, DomainAgent agent, Caller caller, String text) {
        try {
            if (task.toolCall != null) {
                Map<String, Object> args = task.toolCall.get("arguments") instanceof Map<?, ?> a ? cast(a) : Map.of();
                Outcome o = pipeline.run(new Invocation(task.toolCall.get("tool").toString(), args, caller, task.traceId, DOOR));
                OutcomeMapping.Settled s = OutcomeMapping.of(o, task.id);
                task.settle(s.state(), s.status(), s.artifacts(), s.summary());
            } else if (answerer == null) {
                task.settle(TaskState.FAILED, List.of(Part.text("this server has no chat to answer text: send a data part "
                        + "{\"tool\": …, \"arguments\": {…}} naming one of the agent's skills")), List.of(), Map.of("outcome", "failed"));
            } else {
                String answer = answerer.answer(text, caller, task.traceId, agent.name(), task.tokens());
                task.settle(TaskState.COMPLETED, List.of(Part.text("answered")),
                        List.of(new Artifact(task.id + "-answer", "answer", "the answer to the question", List.of(Part.text(answer)))),
                        Map.of("outcome", "answered"));
            }
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // canceled: the task already says so
            }
            if (task.toolCall == null) {
                LOG.warn("A2A task {} of {}: the question could not be answered (trace {}): {}", task.id, agent.name(), task.traceId, e.toString());
            } else {
                LOG.error("A2A task {} of {} failed (trace {})", task.id, agent.name(), task.traceId, e);
            }
            task.settle(TaskState.FAILED, List.of(Part.text("the question could not be answered: " + e.getMessage()
                    + " — the server log has the details under trace " + task.traceId)), List.of(), Map.of("outcome", "failed"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** Text and data parts, in either version's shape; other kinds (files) are refused. */
    @SuppressWarnings("unchecked")
    static List<Part> parts(Object raw) throws RpcError {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new RpcError(RpcError.INVALID_PARAMS, "message.parts must be a non-empty array");
        }
        List<Part> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> p)) {
                throw new RpcError(RpcError.INVALID_PARAMS, "each message part must be an object");
            }
            if (p.get("text") instanceof String t) {
                out.add(Part.text(t));
            } else if (p.get("data") instanceof Map<?, ?> d) {
                out.add(Part.data((Map<String, Object>) d));
            } else {
                throw new RpcError(RpcError.CONTENT_TYPE_NOT_SUPPORTED, "only text and data parts are accepted (got "
                        + (p.containsKey("kind") ? "kind " + p.get("kind") : "keys " + p.keySet()) + ")");
            }
        }
        return out;
    }

    /** The first data part naming a tool, or null. */
    private static Map<String, Object> toolCall(List<Part> parts) throws RpcError {
        for (Part p : parts) {
            if (p.data() != null && p.data().containsKey("tool")) {
                if (!(p.data().get("tool") instanceof String name) || name.isBlank()) {
                    throw new RpcError(RpcError.INVALID_PARAMS, "the data part's \"tool\" must be a tool name such as \"get_lock_info\"");
                }
                Object args = p.data().get("arguments");
                if (args != null && !(args instanceof Map)) {
                    throw new RpcError(RpcError.INVALID_PARAMS, "the data part's \"arguments\" must be an object");
                }
                return p.data();
            }
        }
        return null;
    }

    /** {@code trace_id} (as the original sends it) or {@code traceparent} from message, then request metadata, then the HTTP headers. */
    static String trace(Object messageMeta, Object requestMeta, String headerTrace) {
        for (Object meta : new Object[] {messageMeta, requestMeta}) {
            if (meta instanceof Map<?, ?> m) {
                if (m.get("trace_id") instanceof String t && t.matches(TRACE_PATTERN)) {
                    return t;
                }
                if (m.get("traceparent") instanceof String tp && Invocation.traceIdFromTraceparent(tp) != null) {
                    return Invocation.traceIdFromTraceparent(tp);
                }
            }
        }
        return headerTrace != null ? headerTrace : Invocation.newTraceId();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        if (answerer instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the A2A text answerer failed", e);
            }
        }
    }
}
