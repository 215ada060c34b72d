package io.aihelpdesk.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.FaultCatalog;
import io.aihelpdesk.tools.faults.Score;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog fault against the lab. Injected, the state is there as an existing read tool
 * reports it, and {@code diagnose} (through the governance pipeline, told nothing about the fault)
 * names it as its top finding — the strict score. Torn down, the tool no longer shows it and
 * {@code diagnose} on the whole target finds nothing above info: teardown restored a healthy state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultCatalogLabTest {
    Lab lab;
    FaultLab faults;

    /** Per fault: the tool that shows its state, its arguments, and whether its output shows the fault. */
    record Probe(String tool, Map<String, Object> args, java.util.function.Predicate<Outcome> shows) {
    }

    static final Map<String, Probe> PROBES = Map.ofEntries(
            Map.entry("db-max-connections", new Probe("get_connection_stats", db(), o -> text(o).contains("available_for_ordinary_roles: 0"))),
            Map.entry("db-long-running-query", new Probe("get_lock_info", db(), o -> text(o).contains("blocked by"))),
            Map.entry("db-lock-contention", new Probe("get_database_stats", db(), o -> number(row(o, "databases", "database", Lab.DATABASE), "deadlocks") > 0)),
            Map.entry("db-table-bloat", new Probe("get_table_stats", db(), o -> number(row(o, "tables", "table_name", "bloat_demo"), "dead_tuples") >= 80_000)),
            Map.entry("db-high-cache-miss", new Probe("get_database_stats", db(), o -> number(row(o, "databases", "database", Lab.DATABASE), "cache_hit_ratio") < 80)),
            Map.entry("db-connection-refused", new Probe("check_connection", db(), o -> text(o).contains("connection refused"))),
            Map.entry("db-auth-failure", new Probe("check_connection", db(), o -> text(o).contains("(28P01)"))),
            Map.entry("db-not-exist", new Probe("check_connection", db(), o -> text(o).contains("(3D000)"))),
            Map.entry("db-replication-lag", new Probe("get_replication_status", db(), o -> number(row(o, "standbys", "application_name", "lab_replica"), "replay_lag_bytes") > 64L << 20)),
            Map.entry("k8s-crashloop", new Probe("get_pods", k8s(), o -> text(o).contains("CrashLoopBackOff"))),
            Map.entry("k8s-pending", new Probe("get_pods", k8s(), o -> text(o).contains("Pending"))),
            Map.entry("k8s-image-pull", new Probe("get_pods", k8s(), o -> text(o).contains("ImagePullBackOff"))),
            Map.entry("k8s-no-endpoints", new Probe("get_endpoints", k8s(), o -> !text(o).contains("10.244.1.10"))),
            Map.entry("k8s-pvc-pending", new Probe("get_pvcs", k8s(), o -> text(o).contains("Pending"))),
            Map.entry("k8s-oomkilled", new Probe("describe_pod", Map.of("namespace", Lab.TARGET, "pod_name", "labdb-0"), o -> text(o).contains("OOMKilled"))),
            Map.entry("compound-db-pod-crash", new Probe("check_connection", db(), o -> text(o).contains("connection refused"))),
            Map.entry("compound-db-no-endpoints", new Probe("check_connection", db(), o -> text(o).contains("timed out"))),
            Map.entry("db-idle-in-transaction", new Probe("get_long_transactions", Map.of("connection_string", Lab.TARGET, "min_seconds", 30),
                    o -> text(o).contains("idle in transaction"))),
            Map.entry("db-tx-lock-chain", new Probe("get_blocking_queries", db(), o -> text(o).contains("holds up 3 sessions"))),
            Map.entry("db-xid-age", new Probe("get_vacuum_status", db(), o -> text(o).contains("wraparound risk critical"))),
            Map.entry("db-sequence-exhaustion", new Probe("get_sequence_health", db(), o -> text(o).contains("invoice_no"))),
            Map.entry("db-invalid-index", new Probe("get_index_health", db(), o -> text(o).contains("invalid_idx_demo_email"))),
            Map.entry("db-stale-replication-slot", new Probe("get_replication_slots", db(), o -> text(o).contains("inactive slot lab_stale_slot"))),
            Map.entry("db-checkpoint-pressure", new Probe("get_checkpoint_stats", db(), o -> number(data(o), "checkpoints_requested") >= 10)),
            Map.entry("db-config-bad-param", new Probe("get_pg_settings", db(), o -> text(o).contains("restart needed"))),
            Map.entry("db-long-running-transaction", new Probe("get_long_transactions", db(), o -> text(o).contains("pg_sleep(600)"))),
            Map.entry("k8s-scale-to-zero", new Probe("get_workloads", k8s(), o -> text(o).contains("scaled to zero"))),
            Map.entry("k8s-node-memory-pressure", new Probe("get_nodes", Map.of("context", SimulatedCluster.CONTEXT), o -> text(o).contains("MemoryPressure"))));

    static String text(Outcome o) {
        return o.text();
    }

    static Map<String, Object> data(Outcome o) {
        return o instanceof Outcome.Succeeded s ? s.data() : Map.of();
    }

    static Map<?, ?> row(Outcome o, String list, String key, String value) {
        if (data(o).get(list) instanceof List<?> rows) {
            for (Object r : rows) {
                if (r instanceof Map<?, ?> m && value.equals(String.valueOf(m.get(key)))) {
                    return m;
                }
            }
        }
        return Map.of();
    }

    static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    static Map<String, Object> db() {
        return Map.of("connection_string", Lab.TARGET);
    }

    static Map<String, Object> k8s() {
        return Map.of("namespace", Lab.TARGET);
    }

    DiagnoseAgent agent;
    final List<String> table = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void up() throws Exception {
        lab = Lab.start(Files.createTempDirectory("aihelpdesk-faults-"));
        faults = new FaultLab(lab);
        agent = new DiagnoseAgent(lab);
        Agent.Answer baseline = agent.diagnose("all");
        assertThat(baseline.alarming()).as("the fresh lab is healthy:\n" + baseline.text()).isEmpty();
    }

    @AfterAll
    void down() throws Exception {
        System.out.println("| fault | expected | top finding | strict | score | inject+diagnose+teardown |\n|---|---|---|---|---|---|");
        table.forEach(System.out::println);
        lab.close();
    }

    Stream<Fault> catalog() {
        return FaultCatalog.builtin().faults().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void is_injected_diagnosed_strictly_and_torn_down_to_a_healthy_target(Fault fault) throws Exception {
        Probe p = PROBES.get(fault.id());
        assertThat(p).as("a probe for " + fault.id()).isNotNull();
        long t0 = System.nanoTime();
        faults.inject(fault);
        long t1 = System.nanoTime();
        Outcome during;
        Agent.Answer answer;
        try {
            during = call(p);
            answer = agent.answer(fault);
        } finally {
            List<String> failures = faults.teardown(fault);
            assertThat(failures).as("teardown of " + fault.id()).isEmpty();
        }
        long t2 = System.nanoTime();
        Outcome after = call(p);
        Agent.Answer healthy = agent.diagnose("all");
        Score score = Score.of(fault.evaluation(), answer.text(), answer.toolsUsed(), answer.topCategory());
        table.add(String.format(java.util.Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.1f s |", fault.id(), fault.evaluation().category(),
                answer.topCategory(), score.strictPass() ? "PASS" : "FAIL", score.score(), (t2 - t0) / 1e9));
        System.out.println("=== " + fault.id() + " inject " + (t1 - t0) / 1_000_000 + " ms, diagnose+teardown " + (t2 - t1) / 1_000_000
                + " ms; top " + answer.topCategory());
        assertThat(p.shows().test(during)).as(fault.id() + " injected, " + p.tool() + " shows it:\n" + during.text()).isTrue();
        assertThat(p.shows().test(after)).as(fault.id() + " torn down, " + p.tool() + " no longer shows it:\n" + after.text()).isFalse();
        assertThat(healthy.alarming()).as(fault.id() + " torn down, diagnose finds nothing above info:\n" + healthy.text()).isEmpty();
        assertThat(score.passed()).as(fault.id() + ": passes the original's score (" + score.score() + "):\n" + answer.text()).isTrue();
        assertThat(score.strictPass()).as(fault.id() + ": diagnose's top finding is " + fault.evaluation().category() + ":\n" + answer.text())
                .isTrue();
    }

    @org.junit.jupiter.api.Test
    void the_offline_chat_given_the_fault_prompt_diagnoses_it_over_mcp() {
        List<Fault> two = FaultCatalog.builtin().select(List.of("db-max-connections", "k8s-crashloop"), List.of());
        io.aihelpdesk.tools.faults.FaultReport report = new FaultRunner(faults, new ChatAgent(lab, k -> null)).run(two, System.out::println);
        assertThat(report.agent()).isEqualTo("chat");
        assertThat(report.results()).hasSize(2).allSatisfy(r -> {
            assertThat(r.error()).as(r.fault().id()).isNull();
            assertThat(r.responseText()).as(r.fault().id()).contains("→ diagnose " + Lab.TARGET, "trace tr_");
            assertThat(r.strictPass()).as(r.fault().id() + ":\n" + r.responseText()).isTrue();
        });
    }

    private Outcome call(Probe p) throws Exception {
        Object[] kv = p.args().entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray();
        return LabFixture.call(lab, p.tool(), kv);
    }
}
