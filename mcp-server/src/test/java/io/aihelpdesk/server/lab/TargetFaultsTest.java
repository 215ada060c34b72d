package io.aihelpdesk.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A target PostgreSQL is stopped, hung (its postmaster SIGSTOPped) and restarted while tool calls to
 * it and to a second target run: calls to it fail with a connection diagnosis within the connect
 * timeout instead of hanging, its circuit opens and closes again once it is back, the second target
 * and the server's health are unaffected, and afterwards the thread count is back near its baseline
 * and the target holds no more of our connections than the pool's maximum.
 */
class TargetFaultsTest {
    private static final int POOL = 4;
    private static final long CONNECT_TIMEOUT_MS = 2000;
    /** Connect timeout + the pool's wait + scheduling slack on a loaded machine; a hang would be 30 s or more. */
    private static final long FAIL_WITHIN_MS = CONNECT_TIMEOUT_MS + 1000 + 5000;
    private static final Set<String> TARGET_DOWN = Set.of("connection_refused", "server_not_ready", "connection_terminated",
            "connection_failed", "connect_timeout", "circuit_open");

    private record Call(String phase, String target, String result, long ms) {
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicReference<String> phase = new AtomicReference<>("baseline");

    @Test
    void a_stopped_hung_or_restarted_target_fails_fast_trips_its_circuit_recovers_and_leaks_nothing() throws Exception {
        DemoFixture demo = DemoFixture.get();
        Path dir = Files.createTempDirectory("target-faults-");
        try (LabPostgres flaky = LabPostgres.start("flaky", dir.resolve("flaky"), 0, Map.of("max_connections", "40"))) {
            Path inventory = dir.resolve("inventory.yaml");
            Files.writeString(inventory, "version: \"1\"\ndb_servers:\n"
                    + "  flaky:\n    connection_string: \"host=localhost port=" + flaky.port() + " dbname=postgres user=postgres connect_timeout="
                    + CONNECT_TIMEOUT_MS / 1000 + "\"\n    tags: [faults]\n"
                    + "  steady:\n    connection_string: \"host=localhost port=" + demo.database.port() + " dbname=" + DemoDatabase.DATABASE
                    + " user=postgres\"\n    tags: [faults]\n");
            Path policy = dir.resolve("policy.yaml");
            Files.writeString(policy, "version: \"1\"\nguardrails:\n  circuit_breaker: {consecutive_failures: 3, open_seconds: 2}\n"
                    + "policies:\n  - name: faults-read\n    resources: [{type: database, match: {tags: [faults]}}]\n"
                    + "    rules: [{action: read, effect: allow}]\n");
            PostgresSettings settings = new PostgresSettings(Duration.ofMillis(CONNECT_TIMEOUT_MS), Duration.ofSeconds(2),
                    Duration.ofSeconds(1), POOL, Duration.ofMinutes(5), null);
            try (Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(inventory), settings,
                    new GovernanceOptions(dir.resolve("audit.db"), null, policy, Verdict.DENY, false));
                 HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0)) {
                assertThat(call(helpdesk, "flaky")).isEqualTo("ok");
                assertThat(call(helpdesk, "steady")).isEqualTo("ok");
                int threadsBefore = threads();

                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService load = Executors.newFixedThreadPool(8);
                List<Future<?>> workers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String target = i < 6 ? "flaky" : "steady";
                    workers.add(load.submit(() -> {
                        while (!stop.get()) {
                            long t0 = System.nanoTime();
                            String result = call(helpdesk, target);
                            calls.add(new Call(phase.get(), target, result, (System.nanoTime() - t0) / 1_000_000));
                        }
                        return null;
                    }));
                }
                try {
                    Thread.sleep(1500);

                    phase.set("stopped");
                    flaky.stop();
                    Thread.sleep(4000);
                    assertHealthy(http);
                    phase.set("started");
                    flaky.start();
                    awaitRecovery("started");

                    phase.set("hung");
                    long postmaster = postmaster(flaky);
                    try (Connection admin = flaky.connect("postgres"); Statement s = admin.createStatement()) {
                        signal("STOP", postmaster);
                        // established sessions outlive a hung postmaster; end ours so calls need a new connection
                        s.execute("select pg_terminate_backend(pid) from pg_stat_activity where (application_name = 'aihelpdesk' or application_name like 'aihelpdesk/%') and pid <> pg_backend_pid()");
                        Thread.sleep(6000);
                        assertHealthy(http);
                    } finally {
                        signal("CONT", postmaster);
                    }
                    phase.set("continued");
                    awaitRecovery("continued");

                    phase.set("restarted");
                    flaky.stop();
                    flaky.start();
                    awaitRecovery("restarted");
                } finally {
                    stop.set(true);
                    for (Future<?> w : workers) {
                        w.get(60, TimeUnit.SECONDS);
                    }
                    load.shutdown();
                }

                Map<String, Set<String>> resultsByPhase = calls.stream().filter(c -> c.target().equals("flaky"))
                        .collect(Collectors.groupingBy(Call::phase, Collectors.mapping(Call::result, Collectors.toSet())));
                // Sessions open when it stops end as connection_terminated; new ones are refused. Three of either open
                // the circuit, so which of the two calls see first is a race: either is the right diagnosis.
                assertThat(resultsByPhase.get("stopped")).as("stopped target").contains("circuit_open")
                        .containsAnyOf("connection_refused", "connection_terminated");
                assertThat(resultsByPhase.get("hung")).as("hung target").contains("circuit_open")
                        .containsAnyOf("connect_timeout", "connection_terminated", "connection_failed");
                for (String p : List.of("stopped", "hung", "started", "continued", "restarted")) {
                    assertThat(resultsByPhase.getOrDefault(p, Set.of())).as(p).isSubsetOf(union(TARGET_DOWN, "ok"));
                }
                assertThat(calls).filteredOn(c -> c.target().equals("flaky") && !c.result().equals("ok"))
                        .as("failed calls end within the connect timeout, not hang")
                        .allSatisfy(c -> assertThat(c.ms()).as(c.toString()).isLessThanOrEqualTo(FAIL_WITHIN_MS));
                assertThat(calls).filteredOn(c -> c.target().equals("steady")).as("the other target is unaffected")
                        .isNotEmpty().allSatisfy(c -> assertThat(c.result()).as(c.toString()).isEqualTo("ok"));

                assertThat(ourSessions(flaky)).as("our sessions on the target after the faults").isLessThanOrEqualTo(POOL);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (threads() > threadsBefore + 4 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(threads()).as("live threads, baseline " + threadsBefore).isLessThanOrEqualTo(threadsBefore + 4);
            }
        } finally {
            DemoDatabase.deleteTree(dir);
        }
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.add(b);
        return s;
    }

    /** Waits until a call to the flaky target made in {@code p} succeeded (its circuit closed again). */
    private void awaitRecovery(String p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            if (calls.stream().anyMatch(c -> c.phase().equals(p) && c.target().equals("flaky") && c.result().equals("ok"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the flaky target did not serve again within 40 s after " + p + "; results: "
                + calls.stream().filter(c -> c.phase().equals(p)).map(Call::result).collect(Collectors.toSet()));
    }

    private static String call(Helpdesk h, String target) {
        Outcome o = h.pipeline().run(new Invocation("get_connection_stats", Map.of("connection_string", target),
                new Caller("faults", "user", List.of(), "test"), null, "test"));
        if (o instanceof Outcome.Succeeded) {
            return "ok";
        }
        if (o instanceof Outcome.Failed f) {
            return f.diagnosis().code();
        }
        return o.text().contains("guardrail_circuit_breaker") ? "circuit_open" : o.text();
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long postmaster(LabPostgres pg) throws Exception {
        return Long.parseLong(Files.readAllLines(pg.dataDir().resolve("postmaster.pid")).get(0).trim());
    }

    private static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("kill -" + signal + " " + pid).isTrue();
    }

    /** Sessions our pools hold on the target (application_name aihelpdesk or aihelpdesk/<tool>). */
    private static int ourSessions(LabPostgres pg) throws Exception {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where (application_name = 'aihelpdesk' or application_name like 'aihelpdesk/%') and pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void assertHealthy(HttpServer http) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("/health while the target is down: %s", r.body()).isEqualTo(200);
    }
}
