package io.aihelpdesk.tools.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoStackTest {
    @Test
    void unwinds_last_in_first_out_runs_every_action_despite_failures_and_undoes_late_changes_at_once() {
        List<String> ran = new ArrayList<>();
        UndoStack u = new UndoStack();
        u.push("first", () -> ran.add("first"));
        u.push("broken", () -> {
            throw new IllegalStateException("server gone");
        });
        u.push("last", () -> ran.add("last"));
        assertThat(u.unwind()).containsExactly("broken: server gone");
        assertThat(ran).containsExactly("last", "first");
        assertThat(u.isEmpty()).isTrue();
        u.push("made after the teardown began", () -> ran.add("late"));
        assertThat(ran).containsExactly("last", "first", "late");
        assertThat(u.unwind()).isEmpty();
    }
}
