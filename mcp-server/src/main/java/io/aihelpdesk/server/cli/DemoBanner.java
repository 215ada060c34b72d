package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.demo.DemoDatabase;
import java.nio.file.Path;

/** What {@code helpdesk demo} prints: where things run and ready-to-paste client configurations. */
final class DemoBanner {
    private DemoBanner() {
    }

    static String text(DemoDatabase db, int httpPort, Path inventory, String launcher) {
        String url = "http://127.0.0.1:" + httpPort + "/mcp";
        String inv = inventory.toAbsolutePath().toString();
        return """
                aiHelpDesk demo is running.
                  PostgreSQL : %s   (inventory id: demo)
                  MCP (HTTP) : %s
                  MCP (SSE)  : http://127.0.0.1:%d/sse
                  Inventory  : %s

                Try it from a shell:
                  %s tool check_connection --target demo --inventory %s
                  %s tool get_table_stats --target demo --inventory %s --arg table_name=orders

                Claude Code:
                  claude mcp add --transport http aihelpdesk %s
                  claude mcp add aihelpdesk -- %s mcp --inventory %s

                Claude Desktop (claude_desktop_config.json):
                  { "mcpServers": { "aihelpdesk": { "command": "%s", "args": ["mcp", "--inventory", "%s"] } } }

                VS Code (.vscode/mcp.json):
                  { "servers": { "aihelpdesk": { "type": "http", "url": "%s" } } }
                  { "servers": { "aihelpdesk": { "type": "stdio", "command": "%s", "args": ["mcp", "--inventory", "%s"] } } }

                Ask your agent: "Check the demo database for problems."  Press Ctrl-C to stop.
                """.formatted(db.connectionString(), url, httpPort, inv, launcher, inv, launcher, inv, url,
                launcher, inv, launcher, inv, url, launcher, inv);
    }
}
