package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A nested call that outlives the bundle's budget is cut, and the bundle goes on without waiting for it. */
class NestedCallsTest {
    record NoParams() {
    }

    record Report(List<String> cut, boolean answered, long waitedMs) {
    }

    @Test
    void a_call_still_running_when_the_budget_ends_is_cut_without_waiting_for_it() {
        ToolDefinition<NoParams, Report> slow = new ToolDefinition<>("slow_tool", "sleeps 5 s", Effect.READ, TargetKind.NONE,
                NoParams.class, Report.class, (p, ctx) -> {
                    Thread.sleep(5000);
                    return Result.of(new Report(List.of(), true, 0), "slept");
                });
        ToolDefinition<NoParams, Report> collector = new ToolDefinition<>("collector_tool", "runs slow_tool with a 300 ms budget",
                Effect.READ, TargetKind.NONE, NoParams.class, Report.class, (p, ctx) -> {
                    BundleContents out = new BundleContents(IncidentFixture.NO_SECRETS_EXPECTED, System.nanoTime() + 300_000_000L);
                    long start = System.nanoTime();
                    Outcome o = NestedCalls.run(ctx, out, "layer/slow", "slow_tool", Map.of());
                    return Result.of(new Report(out.cutItems(), o != null, (System.nanoTime() - start) / 1_000_000), "done");
                });
        try (ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults())) {
            Invoker invoker = new Invoker(new Catalog(List.of(slow, collector)), DatabaseTargets.of(Inventory.none()), pools);
            Outcome o = invoker.invoke(new Invocation("collector_tool", Map.of(), Caller.osUser("test"), null, "test"));
            Map<String, Object> data = ((Outcome.Succeeded) o).data();
            assertThat(data.get("answered")).isEqualTo(false);
            assertThat(CreateIncidentBundleTest.<List<String>>cast(data.get("cut"))).containsExactly("layer/slow (still running when the time budget ran out)");
            assertThat(((Number) data.get("waited_ms")).longValue()).isLessThan(4000);
        }
    }
}
