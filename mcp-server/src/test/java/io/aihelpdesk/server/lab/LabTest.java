package io.aihelpdesk.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
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
    void the_database_runs_in_the_simulated_cluster() throws Exception {
        Outcome o = LabFixture.call(lab, "get_pods", "namespace", Lab.TARGET);
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(o.text()).contains("labdb-0").contains("Running");
    }
}
