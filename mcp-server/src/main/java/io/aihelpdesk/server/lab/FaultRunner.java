package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.FaultReport;
import io.aihelpdesk.tools.faults.FaultResult;
import io.aihelpdesk.tools.faults.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs faults one after another: inject, ask the agent, score the answer, and always tear down
 * (in {@code finally}, so a failed injection or answer leaves the lab as it was). Each answer is
 * bounded by the fault's timeout. Progress lines go to {@code progress}.
 */
public final class FaultRunner {
    private final FaultLab faults;
    private final Agent agent;

    public FaultRunner(FaultLab faults, Agent agent) {
        this.faults = faults;
        this.agent = agent;
    }

    public FaultReport run(List<Fault> selected, Consumer<String> progress) {
        List<FaultResult> results = new ArrayList<>();
        int i = 0;
        for (Fault f : selected) {
            i++;
            progress.accept(String.format(Locale.ROOT, "[%d/%d] %s: injecting…", i, selected.size(), f.id()));
            FaultResult r = runOne(f);
            results.add(r);
            progress.accept(String.format(Locale.ROOT, "[%d/%d] %s %s  strict=%s score=%.2f top=%s (%.1f s)%s", i, selected.size(),
                    r.passed() ? "PASS" : "FAIL", f.id(), r.strictPass() ? "PASS" : "FAIL", r.score() == null ? 0 : r.score().score(),
                    r.score() == null ? "-" : r.score().topCategory(), r.durationMs() / 1000.0,
                    r.error() == null ? "" : "  error: " + r.error()));
        }
        return new FaultReport("faultrun-" + Instant.now().toEpochMilli(), Instant.now(), agent.name(), results);
    }

    public FaultResult runOne(Fault f) {
        long start = System.nanoTime();
        Score score = null;
        String text = null;
        List<String> errors = new ArrayList<>();
        try {
            faults.inject(f);
            Agent.Answer a = answer(f);
            text = a.text();
            score = Score.of(f.evaluation(), a.text(), a.toolsUsed(), a.topCategory());
        } catch (Exception e) {
            errors.add(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            List<String> failures = faults.teardown(f);
            if (!failures.isEmpty()) {
                errors.add("teardown: " + String.join("; ", failures));
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new FaultResult(f, score, text, ms, errors.isEmpty() ? null : String.join(" | ", errors));
    }

    private Agent.Answer answer(Fault f) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lab-agent-" + f.id());
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Agent.Answer> future = ex.submit(() -> agent.answer(f));
            return future.get(f.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(agent.name() + " did not answer within the fault's timeout of " + f.timeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        } finally {
            ex.shutdownNow();
        }
    }
}
