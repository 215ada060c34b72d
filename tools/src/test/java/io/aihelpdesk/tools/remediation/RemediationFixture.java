package io.aihelpdesk.tools.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Gate;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.kubernetes.KubeFixture;
import io.aihelpdesk.tools.kubernetes.KubernetesClients;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.kubernetes.KubernetesTargets;
import io.aihelpdesk.tools.kubernetes.KubernetesToolset;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full catalog with the remediation tools, over a real database (connection string given) and
 * optionally the Kubernetes mock, with a rollback journal in a temporary directory. Calls run
 * through the invoker's gate seam, so nested calls (rollback_action) meet the same gate.
 */
public final class RemediationFixture implements AutoCloseable {
    private final String connectionString;
    private final RollbackJournal journal;
    private final Invoker invoker;
    private final KubernetesTargets clusters;
    private final ConnectionPools pools;

    public RemediationFixture(String connectionString, KubeFixture kube) {
        this(connectionString, kube, temporaryJournal());
    }

    /** With the rollback journal in the given file. */
    public RemediationFixture(String connectionString, KubeFixture kube, Path journalFile) {
        this.connectionString = connectionString;
        this.journal = new RollbackJournal(journalFile);
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(PostgresToolset.all());
        tools.addAll(KubernetesToolset.all());
        tools.addAll(RemediationToolset.all(journal));
        this.pools = new ConnectionPools(PostgresSettings.defaults());
        this.clusters = new KubernetesTargets(Inventory.none(),
                new KubernetesClients(kube == null ? KubernetesSettings.defaults() : kube.settings()));
        this.invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(Inventory.none()), pools, clusters);
    }

    private static Path temporaryJournal() {
        try {
            return Files.createTempDirectory("rollbacks").resolve("rollbacks.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RollbackJournal journal() {
        return journal;
    }

    public Path journalFile() {
        return journal.file();
    }

    public Invoker invoker() {
        return invoker;
    }

    /** Runs a tool with no limits; database tools get the fixture's connection string unless given one. */
    public Outcome call(String tool, Map<String, Object> args) {
        return call(tool, args, Gate.OPEN);
    }

    public Outcome call(String tool, Map<String, Object> args, Gate gate) {
        Map<String, Object> withTarget = new LinkedHashMap<>(args);
        boolean database = invoker.catalog().find(tool).map(d -> d.target() == io.aihelpdesk.tools.TargetKind.DATABASE).orElse(false);
        if (database && connectionString != null) {
            withTarget.putIfAbsent("connection_string", connectionString);
        }
        return invoker.invoke(new Invocation(tool, withTarget, Caller.osUser("test"), null, "test"), gate);
    }

    /** Runs a tool and returns its data, failing the test unless it succeeded. */
    public Map<String, Object> ok(String tool, Map<String, Object> args) {
        Outcome o = call(tool, args);
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);
        return ((Outcome.Succeeded) o).data();
    }

    /** Runs a tool and returns its failure, failing the test unless it failed. */
    public Outcome.Failed failed(String tool, Map<String, Object> args) {
        return failed(tool, args, Gate.OPEN);
    }

    public Outcome.Failed failed(String tool, Map<String, Object> args, Gate gate) {
        Outcome o = call(tool, args, gate);
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Failed.class);
        return (Outcome.Failed) o;
    }

    /** A gate that admits every call but lets one call affect at most {@code max} units; it remembers what it was asked. */
    public static LimitingGate limit(long max) {
        return new LimitingGate(max);
    }

    /** Admits every call; refuses a blast radius above the limit with the numbers, as the guardrails do. */
    public static final class LimitingGate implements Gate {
        private final long max;
        public final List<String> asked = new ArrayList<>();
        public final List<Gate.Admission> admitted = new ArrayList<>();

        LimitingGate(long max) {
            this.max = max;
        }

        @Override
        public Optional<Outcome> admit(Admission admission) {
            admitted.add(admission);
            return Optional.empty();
        }

        @Override
        public Optional<String> limitBlastRadius(Admission admission, String unit, long count) {
            asked.add(unit + "=" + count);
            return count > max ? Optional.of("blast radius: " + admission.tool().name() + " would affect " + count + " "
                    + unit + ", the limit is " + max + " per call") : Optional.empty();
        }
    }

    @Override
    public void close() {
        clusters.close();
        pools.close();
    }
}
