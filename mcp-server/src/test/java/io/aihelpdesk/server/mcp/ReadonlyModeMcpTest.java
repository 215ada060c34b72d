package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP tools/list in each operating mode, over a catalog with one destructive database tool. */
class ReadonlyModeMcpTest {
    record Done(String text) {
    }

    @TempDir
    Path dir;

    private static List<SyncToolSpecification> tools(SqliteAuditStore audit, ConnectionPools pools, OperatingMode mode) {
        List<ToolDefinition<?, ?>> defs = new ArrayList<>(PostgresToolset.all());
        defs.add(new ToolDefinition<>("end_something", "test tool: destructive", Effect.DESTRUCTIVE, TargetKind.DATABASE,
                TargetOnly.class, Done.class, (p, ctx) -> Result.of(new Done("done"), "done")));
        Pipeline p = new Pipeline(new Invoker(new Catalog(defs), DatabaseTargets.of(Inventory.none()), pools), null, audit,
                new Redactor(), Clock.systemUTC(), mode, null);
        return McpTools.specifications(p, "test", Caller.anonymous("test"));
    }

    @Test
    void readonly_mode_lists_no_destructive_tool_and_fix_lists_it_with_the_destructive_hint() {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"));
             ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults())) {
            assertThat(tools(audit, pools, OperatingMode.READONLY)).extracting(s -> s.tool().name())
                    .doesNotContain("end_something").contains("check_connection");
            assertThat(tools(audit, pools, OperatingMode.FIX)).filteredOn(s -> s.tool().name().equals("end_something")).singleElement()
                    .satisfies(s -> assertThat(s.tool().annotations().destructiveHint()).isTrue());
            assertThat(Instructions.mode(OperatingMode.READONLY)).startsWith("Operating mode: readonly.");
        }
    }
}
