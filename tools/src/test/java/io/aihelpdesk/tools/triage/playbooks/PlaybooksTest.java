package io.aihelpdesk.tools.triage.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Effect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybooksTest {
    /** The finding categories of the triage engine, written out here so a missing playbook cannot hide. */
    static final List<String> CATEGORIES = List.of(
            "connection_exhaustion", "connection_refused", "authentication_failure", "database_not_found",
            "lock_blocking", "deadlock", "idle_in_transaction", "long_running_transaction", "table_bloat", "vacuum_lag",
            "xid_wraparound_risk", "sequence_exhaustion", "invalid_index", "unused_or_duplicate_index",
            "cache_performance", "slow_queries", "replication_lag", "stale_replication_slot", "checkpoint_pressure",
            "config_problem", "pod_crash_loop", "pod_unschedulable", "image_pull_failure", "no_endpoints", "pvc_pending",
            "oom_killed", "scaled_to_zero", "node_pressure", "compound_crash", "compound_no_endpoints");

    @TempDir
    Path dir;

    @Test
    void all_thirty_built_in_playbooks_load_without_problems_and_cover_every_category_exactly_once() {
        Playbooks playbooks = Playbooks.load(null);
        assertThat(playbooks.problems()).isEmpty();
        assertThat(playbooks.all()).hasSize(30);
        assertThat(playbooks.all()).extracting(Playbook::problemClass).containsExactlyElementsOf(CATEGORIES);
        for (Playbook pb : playbooks.all()) {
            assertThat(pb.id()).isEqualTo("pb_" + pb.problemClass());
            assertThat(pb.source()).isEqualTo("built-in");
            assertThat(pb.investigation()).as(pb.id() + " investigation").hasSizeGreaterThanOrEqualTo(2);
            assertThat(pb.remediation()).as(pb.id() + " remediation").isNotEmpty();
            assertThat(pb.escalation().when()).as(pb.id() + " escalation").isNotEmpty();
            assertThat(playbooks.forCategory(pb.problemClass())).contains(pb);
        }
    }

    @Test
    void destructive_remediation_steps_of_built_in_playbooks_expect_an_approval() {
        for (Playbook pb : Playbooks.builtIn().all()) {
            pb.remediation().stream().filter(r -> r.asEffect() == Effect.DESTRUCTIVE)
                    .forEach(r -> assertThat(r.approvalExpected()).as(pb.id() + ": " + r.action()).isTrue());
        }
    }

    @Test
    void an_invalid_user_file_is_reported_with_file_and_line_and_skipped_while_valid_ones_load() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                id: pb_broken
                version: "1"
                problem_class: lock_blocking
                symptoms: [hangs]
                investigation:
                  - tool: get_lock_info
                    look_for: pairs
                remediation:
                  - action: cancel it
                    effect: SOMETIMES
                    approval_expected: true
                escalation: {when: [always], to: dba}
                """);
        Files.writeString(dir.resolve("good.yml"), custom("pb_pgbouncer_saturation", "pgbouncer_saturation", "2"));
        Files.writeString(dir.resolve("notes.txt"), "not a playbook");

        Playbooks playbooks = Playbooks.load(dir);

        Path bad = dir.resolve("bad.yaml");
        assertThat(playbooks.problems()).containsExactly(
                bad + ":1: 'title' is required (file skipped)",
                bad + ":10: remediation[0].effect: must be READ, WRITE or DESTRUCTIVE, got 'SOMETIMES' (file skipped)");
        assertThat(playbooks.find("pb_broken")).isEmpty();
        assertThat(playbooks.find("pb_pgbouncer_saturation")).get()
                .satisfies(pb -> assertThat(pb.source()).isEqualTo(dir.resolve("good.yml").toString()));
        assertThat(playbooks.forCategory("pgbouncer_saturation")).map(Playbook::id).contains("pb_pgbouncer_saturation");
        assertThat(playbooks.all()).hasSize(31);
        assertThat(playbooks.all().get(30).id()).isEqualTo("pb_pgbouncer_saturation");
    }

    @Test
    void a_user_playbook_with_a_built_in_id_overrides_it_and_says_so() throws Exception {
        Files.writeString(dir.resolve("deadlock.yaml"), custom("pb_deadlock", "deadlock", "7"));

        Playbooks playbooks = Playbooks.load(dir);

        assertThat(playbooks.problems()).isEmpty();
        assertThat(playbooks.forCategory("deadlock")).get().satisfies(pb -> {
            assertThat(pb.version()).isEqualTo("7");
            assertThat(pb.title()).isEqualTo("Our own way");
        });
        assertThat(playbooks.notes()).containsExactly(dir.resolve("deadlock.yaml")
                + ": playbook pb_deadlock (version 7) overrides the built-in one (version 1)");
        assertThat(playbooks.all()).hasSize(30);
        assertThat(playbooks.all().get(CATEGORIES.indexOf("deadlock")).version()).isEqualTo("7");
    }

    @Test
    void a_second_user_file_with_the_same_id_is_skipped() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), custom("pb_custom", "custom_class", "1"));
        Files.writeString(dir.resolve("b.yaml"), custom("pb_custom", "custom_class", "2"));

        Playbooks playbooks = Playbooks.load(dir);

        assertThat(playbooks.find("pb_custom")).map(Playbook::version).contains("1");
        assertThat(playbooks.problems()).containsExactly(dir.resolve("b.yaml") + ": id pb_custom is already defined by "
                + dir.resolve("a.yaml") + " (file skipped)");
    }

    @Test
    void a_missing_user_directory_is_a_problem_not_a_failure() {
        Playbooks playbooks = Playbooks.load(dir.resolve("nope"));
        assertThat(playbooks.all()).hasSize(30);
        assertThat(playbooks.problems()).containsExactly(dir.resolve("nope")
                + ": playbook directory not found; only the built-in playbooks are available");
    }

    static String custom(String id, String problemClass, String version) {
        return """
                id: %s
                version: "%s"
                problem_class: %s
                title: Our own way
                symptoms: [something is off]
                investigation:
                  - tool: get_connection_stats
                    arguments: {connection_string: "{{target}}"}
                    look_for: the pool
                remediation:
                  - action: restart the pooler
                    effect: WRITE
                    approval_expected: true
                escalation:
                  when: [it persists]
                  to: the platform team
                """.formatted(id, version, problemClass);
    }
}
