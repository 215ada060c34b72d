package io.aihelpdesk.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of the server's tools each domain agent gets, by the capability in each tool's {@code _meta}. */
class AgentToolsTest {
    private static McpSchema.Tool tool(String name, String capability) {
        return McpSchema.Tool.builder().name(name).inputSchema(new McpSchema.JsonSchema("object", Map.of(), List.of(), false, null, null))
                .meta(Map.of(McpConnection.CAPABILITY, capability)).build();
    }

    private static final List<McpSchema.Tool> OURS = List.of(tool("diagnose", "triage"), tool("get_lock_info", "postgres"),
            tool("get_pods", "kubernetes"), tool("create_incident_bundle", "incident"), tool("a2a_sre_bot", "a2a"));

    @Test
    void each_agent_gets_its_capability_diagnose_and_the_remote_agents() {
        assertThat(Agent.DATABASE.tools(OURS)).containsExactly("diagnose", "get_lock_info", "a2a_sre_bot");
        assertThat(Agent.KUBERNETES.tools(OURS)).containsExactly("diagnose", "get_pods", "a2a_sre_bot");
        assertThat(Agent.INCIDENT.tools(OURS)).containsExactly("create_incident_bundle", "a2a_sre_bot");
    }

    @Test
    void a_remote_agent_named_like_ours_replaces_it_and_no_other_agent_gets_it() {
        List<McpSchema.Tool> withVendor = new java.util.ArrayList<>(OURS);
        withVendor.add(tool("a2a_k8s_agent", "a2a"));
        assertThat(Agent.KUBERNETES.tools(withVendor)).containsExactly("a2a_k8s_agent");
        assertThat(Agent.DATABASE.tools(withVendor)).containsExactly("diagnose", "get_lock_info", "a2a_sre_bot");
    }
}
