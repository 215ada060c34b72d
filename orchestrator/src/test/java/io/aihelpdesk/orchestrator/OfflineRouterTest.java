package io.aihelpdesk.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.orchestrator.OfflineRouter.Focus;
import io.aihelpdesk.orchestrator.OfflineRouter.Routing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keyword routing without a model: the database named (or the only one), the focus and the playbook. */
class OfflineRouterTest {
    private static List<Database> inventory(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Database(id, id.replace('-', ' ') + " database", "standalone", null, null, List.of()))
                .toList();
    }

    @Test
    void a_lock_question_about_a_named_database_focuses_on_the_database_with_the_lock_playbook() {
        Routing r = OfflineRouter.route("Why are queries on prod-orders blocked?", inventory("prod-orders", "staging-orders"));
        assertThat(r.database()).isEqualTo("prod-orders");
        assertThat(r.focus()).isEqualTo(Focus.DATABASE);
        assertThat(r.playbook()).isEqualTo("pb_lock_blocking");
        assertThat(r.keywords()).contains("block", "queries");
    }

    @Test
    void pod_words_focus_on_kubernetes_and_mixed_words_check_everything() {
        assertThat(OfflineRouter.route("the pod keeps crashing", inventory("demo")))
                .satisfies(r -> assertThat(r.focus()).isEqualTo(Focus.KUBERNETES))
                .satisfies(r -> assertThat(r.playbook()).isEqualTo("pb_pod_crash_loop"))
                .satisfies(r -> assertThat(r.database()).as("the only database").isEqualTo("demo"));
        assertThat(OfflineRouter.route("slow queries since the pod restarted", inventory("demo")).focus()).isEqualTo(Focus.ALL);
        assertThat(OfflineRouter.route("how is it going?", inventory("demo")))
                .satisfies(r -> assertThat(r.focus()).isEqualTo(Focus.ALL))
                .satisfies(r -> assertThat(r.playbook()).isNull());
    }

    @Test
    void the_most_specific_problem_names_the_playbook() {
        assertThat(OfflineRouter.route("too many connections on demo", inventory("demo")).playbook()).isEqualTo("pb_connection_exhaustion");
        assertThat(OfflineRouter.route("a deadlock, and then locks everywhere", inventory("demo")).playbook()).isEqualTo("pb_deadlock");
        assertThat(OfflineRouter.route("sessions idle in transaction", inventory("demo")).playbook()).isEqualTo("pb_idle_in_transaction");
    }

    @Test
    void a_database_is_named_by_id_or_name_and_otherwise_the_candidates_are_listed() {
        List<Database> two = inventory("prod-orders", "staging-orders");
        assertThat(OfflineRouter.route("is the staging orders database slow", two).database()).isEqualTo("staging-orders");
        Routing unnamed = OfflineRouter.route("is it slow?", two);
        assertThat(unnamed.database()).isNull();
        assertThat(unnamed.candidates()).containsExactly("prod-orders", "staging-orders");
        assertThat(OfflineRouter.route("is prod-ordersx slow?", two).database()).as("whole words only").isNull();
    }
}
