package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one tool of a layer by name through {@link ToolContext#call} within what is left of the
 * bundle's time budget. A call still running when the budget ends is left to finish on its own
 * (its session has a statement timeout; its outcome is still audited) and its item is listed as
 * cut, so the bundle is written on time.
 */
final class NestedCalls {
    private NestedCalls() {
    }

    /** The outcome, or null when the item was cut (budget spent before or during the call). */
    static Outcome run(ToolContext ctx, BundleContents out, String item, String tool, Map<String, Object> args) {
        if (out.expired()) {
            out.cut(item);
            return null;
        }
        out.ranTool(tool);
        CompletableFuture<Outcome> call = CompletableFuture.supplyAsync(() -> ctx.call(tool, args), NestedCalls::thread);
        try {
            return call.get(Math.max(1, out.remainingMs()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.cut(item + " (still running when the time budget ran out)");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.cut(item + " (interrupted)");
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(tool + " failed inside the nested call machinery", e.getCause());
        }
    }

    /** Each call on its own daemon thread: a hung call must not hold up the bundle or the JVM's exit. */
    private static void thread(Runnable task) {
        Thread t = new Thread(task, "incident-nested-call");
        t.setDaemon(true);
        t.start();
    }
}
