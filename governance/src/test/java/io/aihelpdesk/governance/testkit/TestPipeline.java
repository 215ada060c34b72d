package io.aihelpdesk.governance.testkit;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real pipeline for guardrail and compliance tests: the PostgreSQL tools plus test-only tools,
 * over an inventory with a live embedded PostgreSQL ({@code prod}, tagged production, and
 * {@code staging}) and a dead target ({@code dead}: a port nothing listens on).
 */
public final class TestPipeline {
    public static final Caller ALICE = new Caller("alice", "user", List.of("dba"), "test");
    public static final Caller BOB = new Caller("bob", "user", List.of("developer"), "test");
    /** Released by a test to let every blocked {@code hold_target} call finish. */
    public static volatile CountDownLatch release = new CountDownLatch(0);
    /** Counted down by each {@code hold_target} call once it runs. */
    public static volatile CountDownLatch entered = new CountDownLatch(0);

    private static ConnectionPools pools;
    private static final int DEAD_PORT = freePort();

    private TestPipeline() {
    }

    /** A WRITE tool that asks the blast-radius guardrail about {@code count} sessions before "terminating" them. */
    public record Terminate(@Param("target") String connectionString, @Param("sessions it would end") long count) {
    }

    /** A DESTRUCTIVE tool with a preview, as the remediation tools have. */
    public record Drop(@Param("target") String connectionString, @Param("what to drop") String name,
                       @Param(value = "preview only", defaultValue = "false") boolean dryRun) {
    }

    public record Target(@Param("target") String connectionString) {
    }

    /** @param verified whether the change took effect, as remediation tools report it; null when not a change */
    public record Done(String text, Boolean verified) {
    }

    public static final ToolDefinition<Terminate, Done> TERMINATE = new ToolDefinition<>("fake_terminate",
            "test tool: checks the blast radius of ending N sessions", Effect.WRITE, TargetKind.DATABASE, Terminate.class,
            Done.class, (p, ctx) -> {
                ctx.limitBlastRadius("sessions", p.count());
                return Result.of(new Done("ended " + p.count(), true), "ended " + p.count() + " sessions");
            });

    public static final ToolDefinition<Drop, Done> DROP = new ToolDefinition<>("fake_drop",
            "test tool: destructive, with a dry run", Effect.DESTRUCTIVE, TargetKind.DATABASE, Drop.class, Done.class,
            (p, ctx) -> p.dryRun() ? Result.of(new Done("would drop " + p.name(), null), "would drop " + p.name())
                    : Result.of(new Done("dropped " + p.name(), false), "dropped " + p.name()));

    public static final ToolDefinition<Target, Done> HOLD = new ToolDefinition<>("hold_target",
            "test tool: stays in flight until the test releases it", Effect.READ, TargetKind.DATABASE, Target.class,
            Done.class, (p, ctx) -> {
                entered.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released hold_target");
                }
                return Result.of(new Done("held", null), "held");
            });

    public static Pipeline create(AuditStore audit, String policy, Clock clock) throws Exception {
        return create(audit, policy, clock, "");
    }

    /** @param moreDatabases further {@code db_servers} entries, indented as entries of that map */
    public static synchronized Pipeline create(AuditStore audit, String policy, Clock clock, String moreDatabases) throws Exception {
        if (pools == null) {
            pools = new ConnectionPools(PostgresSettings.defaults());
        }
        int port = TestPostgres.server().getPort();
        var inventory = InventoryLoader.parse("""
                db_servers:
                  prod:
                    connection_string: "host=localhost port=%d dbname=postgres user=postgres"
                    tags: [production]
                  staging:
                    connection_string: "host=127.0.0.1 port=%d dbname=postgres user=postgres"
                    tags: [staging]
                  dead:
                    connection_string: "host=127.0.0.1 port=%d dbname=postgres user=postgres"
                    tags: [staging]
                """.formatted(port, port, DEAD_PORT) + moreDatabases, "inv.yaml", Map.<String, String>of()::get);
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(PostgresToolset.all());
        tools.addAll(List.of(TERMINATE, DROP, HOLD));
        Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(inventory), pools);
        PolicyEngine engine = new PolicyEngine(PolicyFile.parse(policy, "policies.yaml", Map.<String, String>of()::get),
                Verdict.DENY, false);
        return new Pipeline(invoker, () -> engine, audit, new Redactor(), clock, OperatingMode.FIX, null);
    }

    public static Outcome call(Pipeline p, String tool, Map<String, Object> args, Caller caller) {
        return p.run(new Invocation(tool, args, caller, null, "test"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
