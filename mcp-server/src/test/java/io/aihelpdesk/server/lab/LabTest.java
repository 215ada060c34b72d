package io.aihelpdesk.server.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.faults.Evaluation;
import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTest {
    Lab lab;

    @BeforeAll
    void up() throws Exception {
        lab = Lab.start(Files.createTempDirectory("aihelpdesk-labtest-"));
    }

    @AfterAll
    void down() throws Exception {
        Path dir = lab.dir();
        lab.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void the_replica_streams_from_the_primary_and_both_are_registered() throws Exception {
        Outcome o = LabFixture.call(lab, "get_replication_status", "connection_string", Lab.TARGET);
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(o.text()).contains("streaming");
        Outcome r = LabFixture.call(lab, "check_connection", "connection_string", Lab.REPLICA);
        assertThat(r.text()).containsIgnoringCase("recovery");
    }

    @Test
    void a_failed_injection_is_undone_before_the_error_is_reported() throws Exception {
        Step stop = new Step("process", Map.of("action", "stop"), List.of(), List.of());
        Step retarget = new Step("config", Map.of("password", "wrong"), List.of(), List.of());
        Step broken = new Step("kubernetes", Map.of("scenario", "meteor_strike"), List.of(), List.of());
        Fault fault = new Fault("test-broken", "Broken", "compound", "high", "d", new Step("compound", Map.of(), List.of(),
                List.of(stop, retarget, broken)), new Step("compound", Map.of(), List.of(), List.of()), "p",
                new Evaluation(List.of(), List.of("x"), "compound_crash"), Duration.ofSeconds(30));
        FaultLab faults = new FaultLab(lab);
        assertThatThrownBy(() -> faults.inject(fault)).hasMessageContaining("unknown kubernetes scenario 'meteor_strike'");
        assertThat(faults.injected()).isEmpty();
        Outcome o = LabFixture.call(lab, "check_connection", "connection_string", Lab.TARGET);
        assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(Files.readString(lab.inventoryFile())).doesNotContain("password=wrong");
    }

    @Test
    void the_database_runs_in_the_simulated_cluster() throws Exception {
        Outcome o = LabFixture.call(lab, "get_pods", "namespace", Lab.TARGET);
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(o.text()).contains("labdb-0").contains("Running");
    }
}
