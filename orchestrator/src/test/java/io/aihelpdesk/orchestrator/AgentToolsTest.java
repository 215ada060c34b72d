package io.aihelpdesk.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of the server's tools each domain agent gets, by the capability in each tool's {@code _meta}. */
class AgentToolsTest {
    private static McpSchema.Tool tool(String name, String capability) {
        return tool(name, Map.of(McpConnection.CAPABILITY, capability));
    }

    private static McpSchema.Tool tool(String name, Map<String, Object> meta) {
        return McpSchema.Tool.builder().name(name).inputSchema(new McpSchema.JsonSchema("object", Map.of(), List.of(), false, null, null))
                .meta(meta).build();
    }

    @Test
    void each_agent_gets_its_capability_diagnose_and_the_remote_agents() {
        List<McpSchema.Tool> offered = List.of(tool("diagnose", "triage"), tool("get_lock_info", "postgres"),
                tool("get_pods", "kubernetes"), tool("create_incident_bundle", "incident"), tool("a2a_sre_bot", "a2a"),
                tool("list_faults", "faults"));
        assertThat(Agent.DATABASE.tools(offered)).containsExactly("diagnose", "get_lock_info", "a2a_sre_bot");
        assertThat(Agent.KUBERNETES.tools(offered)).containsExactly("diagnose", "get_pods", "a2a_sre_bot");
        assertThat(Agent.INCIDENT.tools(offered)).containsExactly("create_incident_bundle", "a2a_sre_bot");
    }

    @Test
    void a_remote_agent_configured_to_replace_ours_is_that_agents_only_tool_and_no_other_agent_gets_it() {
        List<McpSchema.Tool> offered = List.of(tool("diagnose", "triage"), tool("get_lock_info", "postgres"), tool("get_pods", "kubernetes"),
                tool("a2a_vendor_k8s", Map.of(McpConnection.CAPABILITY, "a2a", McpConnection.REPLACES, "k8s_agent")),
                tool("a2a_k8s_agent", "a2a")); // another helpdesk's k8s_agent, discovered by URL: offered, replaces nothing
        assertThat(Agent.KUBERNETES.tools(offered)).containsExactly("a2a_vendor_k8s");
        assertThat(Agent.DATABASE.tools(offered)).containsExactly("diagnose", "get_lock_info", "a2a_k8s_agent");
    }
}
