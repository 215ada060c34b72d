package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.audit.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code helpdesk audit}: read and verify the tamper-evident audit chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Query and verify the audit chain.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Query.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    static SqliteAuditStore open(Path given) {
        Path db = ServerOptions.auditDatabase(given);
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException("no audit database at " + db + " (set --audit-db or HELPDESK_AUDIT_DB)");
        }
        return new SqliteAuditStore(db);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute every hash and link; exit 0 when the chain is intact, 1 when it is broken.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--audit-db", paramLabel = "FILE", description = "Default: $HELPDESK_AUDIT_DB or ~/.local/state/aihelpdesk/audit.db.")
        Path auditDb;

        @Override
        public Integer call() {
            try (SqliteAuditStore store = open(auditDb)) {
                long t0 = System.nanoTime();
                Verification v = store.verify();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (v.valid()) {
                    System.out.printf("chain intact: %d events, last %s (hash %s), verified in %d ms%n",
                            v.totalEvents(), v.lastEventId(), v.lastHash(), ms);
                    return 0;
                }
                System.out.printf("CHAIN BROKEN at %s after %d good events: %s%n", v.brokenAt(), v.totalEvents(), v.error());
                return 1;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the whole chain (or events since an instant) as JSON lines, oldest first, with hashes, for archiving.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--audit-db", paramLabel = "FILE")
        Path auditDb;
        @Option(names = "--since", paramLabel = "INSTANT")
        Instant since;

        @Override
        public Integer call() {
            long n = 0;
            try (SqliteAuditStore store = open(auditDb)) {
                AuditQuery q = AuditQuery.all().between(since, null).limit(AuditQuery.MAX_LIMIT);
                while (q != null) {
                    List<AuditEvent> page = store.query(q);
                    for (AuditEvent e : page) {
                        System.out.println(e.toJson());
                    }
                    n += page.size();
                    q = q.next(page);
                }
            }
            System.err.println(n + " events exported");
            return 0;
        }
    }

    @Command(name = "query", aliases = "tail", mixinStandardHelpOptions = true,
            description = "Print matching events as JSON lines, oldest first (tail: the newest --limit events).")
    static final class Query implements Callable<Integer> {
        @Option(names = "--audit-db", paramLabel = "FILE")
        Path auditDb;
        @Option(names = "--trace", paramLabel = "ID")
        String trace;
        @Option(names = "--tool", paramLabel = "NAME")
        String tool;
        @Option(names = "--principal", paramLabel = "ID")
        String principal;
        @Option(names = "--type", paramLabel = "EVENT_TYPE")
        String type;
        @Option(names = "--since", paramLabel = "INSTANT", description = "e.g. 2026-11-25T09:00:00Z")
        Instant since;
        @Option(names = "--limit", paramLabel = "N", description = "At most N events (default 20).")
        int limit = 20;

        @Override
        public Integer call() {
            try (SqliteAuditStore store = open(auditDb)) {
                AuditQuery q = AuditQuery.all().trace(trace).tool(tool).principal(principal).type(type)
                        .between(since, null).limit(AuditQuery.MAX_LIMIT);
                List<AuditEvent> window = new ArrayList<>();
                for (List<AuditEvent> page = store.query(q); !page.isEmpty(); ) {
                    window.addAll(page);
                    if (window.size() > limit) {
                        window.subList(0, window.size() - limit).clear();
                    }
                    q = q.next(page);
                    page = q == null ? List.of() : store.query(q);
                }
                window.forEach(e -> System.out.println(e.toJson()));
                return 0;
            }
        }
    }
}
