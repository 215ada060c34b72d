package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The PostgreSQL and incident tools over one incident directory, run without governance (nested
 * calls go straight to the invoker), plus extraction of a bundle with the system's {@code tar}.
 */
final class IncidentFixture {
    static final Redaction NO_SECRETS_EXPECTED = new Redaction(UnaryOperator.identity(), "********");
    private static ConnectionPools pools;

    final Path dir;
    final Invoker invoker;

    IncidentFixture(IncidentSettings settings) {
        this.dir = settings.dir();
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(PostgresToolset.all());
        tools.addAll(IncidentToolset.all(settings, NO_SECRETS_EXPECTED));
        this.invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(Inventory.none()), pools());
    }

    IncidentFixture(Path dir) {
        this(IncidentSettings.defaults(dir, "test"));
    }

    private static synchronized ConnectionPools pools() {
        if (pools == null) {
            TestPostgres.server();
            pools = new ConnectionPools(PostgresSettings.defaults());
        }
        return pools;
    }

    Outcome call(String tool, Map<String, Object> args) {
        return invoker.invoke(new Invocation(tool, args, Caller.osUser("test"), null, "test"));
    }

    Map<String, Object> data(String tool, Map<String, Object> args) {
        Outcome o = call(tool, args);
        if (!(o instanceof Outcome.Succeeded s)) {
            throw new AssertionError(tool + " did not succeed: " + o.text());
        }
        return s.data();
    }

    /** Extracts a bundle with the system tar (a reader we did not write) and returns its root directory. */
    static Path extract(String bundle, Path into) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "-xzf", bundle, "-C", into.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tar -xzf " + bundle + " failed: " + out);
        }
        try (var roots = Files.list(into)) {
            return roots.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
