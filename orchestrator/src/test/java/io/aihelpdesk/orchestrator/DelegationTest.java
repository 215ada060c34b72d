package io.aihelpdesk.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a delegated message is classified for the audit trail, as the original does it. */
class DelegationTest {
    @Test
    void destructive_then_changing_verbs_else_read() {
        assertThat(Delegation.actionClass("Terminate pid 4242 on prod-orders")).isEqualTo("destructive");
        assertThat(Delegation.actionClass("drop the unused index")).isEqualTo("destructive");
        assertThat(Delegation.actionClass("Restart the api deployment")).isEqualTo("write");
        assertThat(Delegation.actionClass("vacuum orders")).isEqualTo("write");
        assertThat(Delegation.actionClass("why is demo slow? (no killing please)")).isEqualTo("read");
        assertThat(Delegation.actionClass("Check whether demo accepts connections")).isEqualTo("read");
    }

    @Test
    void agents_are_named_by_id_or_alias() {
        assertThat(Agent.named("db")).contains(Agent.DATABASE);
        assertThat(Agent.named("Kubernetes")).contains(Agent.KUBERNETES);
        assertThat(Agent.named("incidents")).contains(Agent.INCIDENT);
        assertThat(Agent.named("research")).isEmpty();
    }
}
