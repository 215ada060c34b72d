package io.aihelpdesk.tools.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.tools.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultCatalogTest {
    static final List<String> ORIGINAL = List.of("db-max-connections", "db-long-running-query", "db-lock-contention", "db-table-bloat",
            "db-high-cache-miss", "db-connection-refused", "db-auth-failure", "db-not-exist", "db-replication-lag", "k8s-crashloop",
            "k8s-pending", "k8s-image-pull", "k8s-no-endpoints", "k8s-pvc-pending", "k8s-oomkilled", "compound-db-pod-crash",
            "compound-db-no-endpoints");
    static final Set<String> TAXONOMY = Set.of("connection_exhaustion", "connection_refused", "authentication_failure",
            "database_not_found", "lock_blocking", "deadlock", "idle_in_transaction", "long_running_transaction", "table_bloat",
            "vacuum_lag", "xid_wraparound_risk", "sequence_exhaustion", "invalid_index", "unused_or_duplicate_index",
            "cache_performance", "slow_queries", "replication_lag", "stale_replication_slot", "checkpoint_pressure", "config_problem",
            "pod_crash_loop", "pod_unschedulable", "image_pull_failure", "no_endpoints", "pvc_pending", "oom_killed", "scaled_to_zero",
            "node_pressure", "compound_crash", "compound_no_endpoints");

    @Test
    void the_builtin_catalog_keeps_the_originals_17_ids_and_adds_at_least_ten() {
        FaultCatalog c = FaultCatalog.builtin();
        List<String> ids = c.faults().stream().map(Fault::id).toList();
        assertThat(ids).containsAll(ORIGINAL);
        assertThat(ids.size() - ORIGINAL.size()).isGreaterThanOrEqualTo(10);
        assertThat(c.find("db-auth-failure").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.find("compound-db-pod-crash").orElseThrow().prompt("lab", "lab"))
                .startsWith("The database is completely unreachable. It's running in Kubernetes namespace lab.")
                .contains("The connection_string is `lab`");
        assertThat(c.find("compound-db-pod-crash").orElseThrow().evaluation().expectedTools())
                .containsExactly("check_connection", "get_pods", "get_events");
    }

    @Test
    void the_taxonomy_is_exactly_the_triage_engines_categories_and_every_fault_expects_one_of_them() {
        FaultCatalog c = FaultCatalog.builtin();
        Set<String> all = c.taxonomy().values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(all).isEqualTo(TAXONOMY);
        assertThat(c.faults()).allSatisfy(f -> assertThat(TAXONOMY).contains(f.evaluation().category()));
        Set<String> covered = c.faults().stream().map(f -> f.evaluation().category()).collect(Collectors.toSet());
        assertThat(covered).contains("idle_in_transaction", "xid_wraparound_risk", "sequence_exhaustion", "invalid_index",
                "stale_replication_slot", "scaled_to_zero", "node_pressure", "checkpoint_pressure", "config_problem");
    }

    @Test
    void selects_by_ids_and_categories_and_refuses_unknown_ids() {
        FaultCatalog c = FaultCatalog.builtin();
        assertThat(c.select(List.of(), List.of("compound"))).extracting(Fault::id)
                .containsExactly("compound-db-pod-crash", "compound-db-no-endpoints");
        assertThat(c.select(List.of("db-not-exist"), List.of())).extracting(Fault::id).containsExactly("db-not-exist");
        assertThatThrownBy(() -> c.select(List.of("db-nope"), List.of())).hasMessageContaining("unknown fault id(s) [db-nope]");
    }

    @Test
    void a_bad_catalog_reports_every_problem_with_its_line() {
        String yaml = """
                version: "1"
                taxonomy:
                  database: [deadlock]
                failures:
                  - id: a
                    name: A
                    category: databse
                    severity: high
                    description: d
                    inject: {type: docker, settle: a while}
                    teardown: {type: sql}
                    prompt: p
                    evaluation:
                      expected_keywords: {any_of: [x]}
                      expected_diagnosis: {category: nonsense}
                    timeout: soon
                """;
        assertThatThrownBy(() -> FaultCatalog.parse(yaml, "cat.yaml")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "cat.yaml:7: failures[0].category: must be one of [compound, database, kubernetes], got 'databse'",
                        "cat.yaml:10: failures[0].inject.type: unknown injector type (known: [compound, config, connections, kubernetes, process, replication, sql])",
                        "cat.yaml:10: failures[0].inject.settle: must be a duration like 30s, 500ms or 2m, got 'a while'",
                        "cat.yaml:15: failures[0].evaluation.expected_diagnosis: category 'nonsense' is not in the taxonomy",
                        "cat.yaml:16: failures[0].timeout: must be a duration like 30s, 500ms or 2m, got 'soon'"));
    }

    @Test
    void scores_with_the_originals_formula_and_strictly_by_the_top_category() {
        Evaluation e = new Evaluation(List.of("check_connection", "get_connection_stats"), List.of("max_connections", "exhausted"),
                "connection_exhaustion");
        Score full = Score.of(e, "Connection exhaustion: 22/30, max_connections reached", List.of("check_connection", "get_connection_stats"),
                "connection_exhaustion");
        assertThat(full.score()).isEqualTo(1.0);
        assertThat(full.passed()).isTrue();
        assertThat(full.strictPass()).isTrue();
        // keyword only, one of two category words ("connection"), no tools: 0.5 + 0.3*0.5 + 0 = 0.65, passes; strict fails.
        Score partial = Score.of(e, "the connection limit: max_connections", List.of(), "lock_blocking");
        assertThat(partial.score()).isEqualTo(0.65);
        assertThat(partial.passed()).isTrue();
        assertThat(partial.strictPass()).isFalse();
        // everything but the keyword: 0.3 + 0.2 = 0.5, and no keyword hit fails anyway.
        Score noKeyword = Score.of(e, "connection exhaustion", List.of("check_connection", "get_connection_stats"), "connection_exhaustion");
        assertThat(noKeyword.score()).isEqualTo(0.5);
        assertThat(noKeyword.passed()).isFalse();
    }
}
