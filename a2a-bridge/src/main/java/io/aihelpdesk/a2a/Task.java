package io.aihelpdesk.a2a;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One A2A task: who asked (only they can read or cancel it), the request, its state and results.
 * State changes are serialised on the task; a terminal state never changes again, so work that
 * finishes after a cancel is dropped.
 */
final class Task {
    final String id;
    final String contextId;
    final String agent;
    final String owner;
    final String traceId;
    /** The asking message as received (normalised to the 0.3 shape for history). */
    final List<Part> request;
    final String requestMessageId;
    /** What the task ran: a tool call ({@code tool}, {@code arguments}) or null for a text question. */
    final Map<String, Object> toolCall;
    private TaskState state = TaskState.SUBMITTED;
    private List<Part> status = List.of();
    private final List<Artifact> artifacts = new ArrayList<>();
    private Instant timestamp = Instant.now();
    private Map<String, Object> outcome = Map.of();
    private Future<?> work;
    private CompletableFuture<Task> settled = new CompletableFuture<>();
    /** Pieces of a text answer as they are produced, for a streaming request; null for other requests. */
    private final java.util.concurrent.BlockingQueue<String> chunks;

    Task(String id, String contextId, String agent, String owner, String traceId, List<Part> request, String requestMessageId,
         Map<String, Object> toolCall) {
        this(id, contextId, agent, owner, traceId, request, requestMessageId, toolCall, false);
    }

    /** @param streaming whether a stream shows the answer's pieces as they come */
    Task(String id, String contextId, String agent, String owner, String traceId, List<Part> request, String requestMessageId,
         Map<String, Object> toolCall, boolean streaming) {
        this.chunks = streaming ? new java.util.concurrent.LinkedBlockingQueue<>() : null;
        this.id = id;
        this.contextId = contextId;
        this.agent = agent;
        this.owner = owner;
        this.traceId = traceId;
        this.request = List.copyOf(request);
        this.requestMessageId = requestMessageId;
        this.toolCall = toolCall;
    }

    synchronized void working(Future<?> work) {
        this.work = work;
        if (state == TaskState.SUBMITTED) { // the work may already have settled it (a fast answer, a pending approval)
            state = TaskState.WORKING;
            timestamp = Instant.now();
        }
    }

    /** Records the result unless the task already ended (canceled); true when it was recorded. */
    boolean settle(TaskState to, List<Part> message, List<Artifact> results, Map<String, Object> summary) {
        CompletableFuture<Task> done;
        synchronized (this) {
            if (state.terminal()) {
                return false;
            }
            state = to;
            status = List.copyOf(message);
            artifacts.clear();
            artifacts.addAll(results);
            outcome = Map.copyOf(summary);
            timestamp = Instant.now();
            done = settled;
        }
        done.complete(this);
        return true;
    }

    /**
     * Takes a task that waits for input (an approval) back to work: the same call runs again, under
     * the same trace id, so the pipeline can find the approval granted meanwhile. False unless the
     * task is {@code input-required}.
     */
    synchronized boolean resume(java.util.function.Function<Task, Future<?>> start) {
        if (state != TaskState.INPUT_REQUIRED) {
            return false;
        }
        state = TaskState.WORKING;
        status = List.of();
        outcome = Map.of();
        timestamp = Instant.now();
        settled = new CompletableFuture<>();
        work = start.apply(this);
        return true;
    }

    /** Cancels a task that has not ended; false when it already had. */
    boolean cancel() {
        Future<?> running;
        synchronized (this) {
            if (state.terminal()) {
                return false;
            }
            state = TaskState.CANCELED;
            status = List.of(Part.text("canceled by " + owner + "; a governed call already running completes and is audited"));
            timestamp = Instant.now();
            running = work;
        }
        if (running != null) {
            running.cancel(false); // not interrupted: a governed call that started completes and is audited
        }
        settled().complete(this);
        return true;
    }

    /** Where a text answer's pieces go as they are produced: the stream's queue, or nowhere. */
    java.util.function.Consumer<String> tokens() {
        return chunks == null ? null : chunks::add;
    }

    /**
     * The next piece of the answer, waiting up to {@code ms}; null when none came. A task without
     * pieces (not streamed, or a tool call) waits for its end instead, so a caller looping on this
     * never spins.
     */
    String nextChunk(long ms) throws InterruptedException {
        if (chunks != null) {
            return chunks.poll(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        try {
            settled().get(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // not ended yet
        }
        return null;
    }

    /** Completes when the task reaches a terminal or input-required state. */
    synchronized CompletableFuture<Task> settled() {
        return settled;
    }

    synchronized View view() {
        return new View(state, status, List.copyOf(artifacts), timestamp, outcome);
    }

    /** A consistent snapshot for rendering. */
    record View(TaskState state, List<Part> status, List<Artifact> artifacts, Instant timestamp, Map<String, Object> outcome) {
    }
}
