package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small real tools for the bridge's tests: they run through the real pipeline like any other. */
public final class TestTools {
    /** Released by a test to let {@code hold_until_released} finish; it counts down {@code held} when it starts. */
    static volatile CountDownLatch release = new CountDownLatch(1);
    static volatile CountDownLatch held = new CountDownLatch(1);

    private TestTools() {
    }

    public record Note(@Param(value = "What to echo", required = true) String note) {
    }

    public record Echoed(String note, int length) {
    }

    public record Nothing() {
    }

    public record Done(String result) {
    }

    static List<ToolDefinition<?, ?>> all() {
        return List.of(
                new ToolDefinition<>("echo_note", "Echo a note back.", Effect.READ, TargetKind.NONE, Note.class, Echoed.class,
                        (p, ctx) -> Result.of(new Echoed(p.note(), p.note().length()), "echoed " + p.note().length() + " characters")),
                new ToolDefinition<>("hold_until_released", "Wait until the test releases it.", Effect.READ, TargetKind.NONE,
                        Nothing.class, Done.class, (p, ctx) -> {
                            held.countDown();
                            if (!release.await(60, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                            return Result.of(new Done("released"), "released");
                        }),
                new ToolDefinition<>("always_fails", "Fail with a diagnosis.", Effect.READ, TargetKind.NONE, Nothing.class, Done.class,
                        (p, ctx) -> {
                            throw new ToolFailure(new Diagnosis("test_refused", "the target refused the test call",
                                    "nothing to fix, this is a test", ""));
                        }),
                new ToolDefinition<>("write_host_file", "Write a file on this host (policy denies it).", Effect.WRITE, TargetKind.HOST,
                        Nothing.class, Done.class, (p, ctx) -> Result.of(new Done("written"), "written")));
    }
}
