package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a triage run gathered: the outcome of each tool call, run in parallel within the time
 * budget. A call still running at the deadline is reported as {@code timeout} and left out; the
 * rules reason only about what came back.
 */
final class Evidence {
    /** One call to make: a label (usually the tool name), the tool and its arguments. */
    record Call(String key, String tool, Map<String, Object> arguments) {
    }

    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final List<CheckRun> runs = new ArrayList<>();

    static Evidence gather(List<Call> calls, ToolCalls tools, Duration budget, ExecutorService pool) {
        Evidence e = new Evidence();
        long deadline = System.nanoTime() + budget.toNanos();
        Map<Call, CompletableFuture<Outcome>> running = new LinkedHashMap<>();
        for (Call c : calls) {
            running.put(c, CompletableFuture.supplyAsync(() -> tools.call(c.tool(), c.arguments()), pool));
        }
        for (var entry : running.entrySet()) {
            e.collect(entry.getKey(), entry.getValue(), deadline, budget);
        }
        return e;
    }

    /** Records an outcome obtained outside {@link #gather} (the connection check runs first, alone). */
    void put(String key, Outcome o) {
        outcomes.put(key, o);
        runs.add(run(key, o));
    }

    private void collect(Call c, CompletableFuture<Outcome> f, long deadline, Duration budget) {
        long left = deadline - System.nanoTime();
        try {
            put(c.key(), f.get(Math.max(0, left), TimeUnit.NANOSECONDS));
        } catch (TimeoutException ex) {
            runs.add(new CheckRun(c.key(), "timeout", budget.toMillis(),
                    "still running when the " + budget.toMillis() + " ms budget ran out; left out of this diagnosis"));
        } catch (ExecutionException ex) {
            runs.add(new CheckRun(c.key(), "failed", 0, String.valueOf(ex.getCause())));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            runs.add(new CheckRun(c.key(), "timeout", 0, "interrupted"));
        }
    }

    private static CheckRun run(String key, Outcome o) {
        if (o instanceof Outcome.Succeeded) {
            return new CheckRun(key, "ok", o.durationMs(), "");
        }
        if (o instanceof Outcome.Failed f) {
            return new CheckRun(key, "failed", o.durationMs(), f.diagnosis().render());
        }
        if (o instanceof Outcome.Denied d) {
            return new CheckRun(key, "denied", o.durationMs(), d.message());
        }
        return new CheckRun(key, "failed", o.durationMs(), o.text());
    }

    /** This evidence together with more gathered later (a second round, e.g. describing suspicious pods). */
    Evidence with(Evidence more) {
        Evidence e = new Evidence();
        e.outcomes.putAll(outcomes);
        e.outcomes.putAll(more.outcomes);
        e.runs.addAll(runs);
        e.runs.addAll(more.runs);
        return e;
    }

    List<CheckRun> runs() {
        return runs;
    }

    /** The reply of a call that succeeded, as the tool's result record; null otherwise. */
    <T> T reply(String key, Class<T> type) {
        Outcome o = outcomes.get(key);
        return o instanceof Outcome.Succeeded s ? Json.fromRow(s.data(), type) : null;
    }

    boolean succeeded(String key) {
        return outcomes.get(key) instanceof Outcome.Succeeded;
    }

    /** The diagnosis of a call that failed; null otherwise. */
    Diagnosis failure(String key) {
        return outcomes.get(key) instanceof Outcome.Failed f ? f.diagnosis() : null;
    }
}
