package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.demo.DemoCluster;
import io.aihelpdesk.server.demo.DemoDatabase;
import java.nio.file.Path;

/** What {@code helpdesk demo} prints: where things run and ready-to-paste client configurations. */
final class DemoBanner {
    private DemoBanner() {
    }

    static String text(DemoDatabase db, DemoCluster cluster, int httpPort, Path inventory, String launcher) {
        String url = "http://127.0.0.1:" + httpPort + "/mcp";
        String inv = inventory.toAbsolutePath().toString() + " --kubeconfig " + cluster.kubeconfig().toAbsolutePath();
        String invArgs = "\"" + inventory.toAbsolutePath() + "\", \"--kubeconfig\", \"" + cluster.kubeconfig().toAbsolutePath() + "\"";
        return """
                aiHelpDesk demo is running.
                  PostgreSQL : %s   (inventory id: demo)
                  Kubernetes : %s   (simulated API server; context demo, namespace shop)
                  Kubeconfig : %s
                  MCP (HTTP) : %s
                  MCP (SSE)  : http://127.0.0.1:%d/sse
                  A2A        : http://127.0.0.1:%d/a2a   (agent cards: /a2a/<agent>/.well-known/agent-card.json)
                  Inventory  : %s

                Try it from a shell:
                  %s tool check_connection --target demo --inventory %s
                  %s tool get_table_stats --target demo --inventory %s --arg table_name=orders
                  %s tool describe_pod --target demo --inventory %s --arg pod_name=orders-db-0

                Claude Code:
                  claude mcp add --transport http aihelpdesk %s
                  claude mcp add aihelpdesk -- %s mcp --inventory %s

                Claude Desktop (claude_desktop_config.json):
                  { "mcpServers": { "aihelpdesk": { "command": "%s", "args": ["mcp", "--inventory", %s] } } }

                VS Code (.vscode/mcp.json):
                  { "servers": { "aihelpdesk": { "type": "http", "url": "%s" } } }
                  { "servers": { "aihelpdesk": { "type": "stdio", "command": "%s", "args": ["mcp", "--inventory", %s] } } }

                Ask your agent: "Check the demo database and its pods for problems."  Press Ctrl-C to stop.
                """.formatted(db.connectionString(), cluster.url(), cluster.kubeconfig().toAbsolutePath(), url, httpPort, httpPort,
                inventory.toAbsolutePath(), launcher, inv, launcher, inv, launcher, inv, url,
                launcher, inv, launcher, invArgs, url, launcher, invArgs);
    }
}
