package io.aihelpdesk.server.gateway;

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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST gateway in each operating mode, over a catalog with one database WRITE tool: readonly
 * neither lists it nor routes to it; fix lists it as a write tool with its route.
 */
class ReadonlyModeDoorsTest {
    record Done(String text) {
    }

    static final ToolDefinition<TargetOnly, Done> WRITE = new ToolDefinition<>("reset_something", "test tool: a database write",
            Effect.WRITE, TargetKind.DATABASE, TargetOnly.class, Done.class, (p, ctx) -> Result.of(new Done("done"), "done"));

    @TempDir
    Path dir;

    /** A pipeline over the database tools plus {@link #WRITE}, in the given mode. */
    static Pipeline pipeline(SqliteAuditStore audit, OperatingMode mode, ConnectionPools pools) {
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(PostgresToolset.all());
        tools.add(WRITE);
        Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(Inventory.none()), pools);
        return new Pipeline(invoker, null, audit, new Redactor(), Clock.systemUTC(), mode, null);
    }

    private static ApiResponse call(ToolRoutes routes, String operation, Map<String, String> path) throws java.io.IOException {
        Route r = routes.routes().stream().filter(x -> x.operationId().equals(operation)).findFirst().orElseThrow();
        return r.action().apply(new Call(Caller.anonymous("test"), "tr_doors", path, Map.of(), Map.of("connection_string", "x")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listed(ToolRoutes routes) throws java.io.IOException {
        return (List<Map<String, Object>>) ((Map<String, Object>) call(routes, "list_tools", Map.of()).body().get("result")).get("tools");
    }

    @Test
    void readonly_gateway_neither_lists_nor_routes_a_write_tool_and_fix_lists_it() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"));
             ConnectionPools pools = new ConnectionPools(PostgresSettings.defaults())) {
            ToolRoutes readonly = new ToolRoutes(pipeline(audit, OperatingMode.READONLY, pools));
            assertThat(listed(readonly)).extracting(t -> t.get("name")).doesNotContain("reset_something").contains("check_connection");
            assertThat(listed(readonly)).extracting(t -> t.get("effect")).containsOnly("read");
            ApiResponse refused = call(readonly, "db_tool", Map.of("tool", "reset_something"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().toString()).contains("unknown_tool", "unknown database tool 'reset_something'");
            assertThat(call(readonly, "get_tool", Map.of("name", "reset_something")).status()).isEqualTo(400);

            ToolRoutes fix = new ToolRoutes(pipeline(audit, OperatingMode.FIX, pools));
            assertThat(listed(fix)).filteredOn(t -> t.get("name").equals("reset_something")).singleElement()
                    .satisfies(t -> assertThat(t).containsEntry("effect", "write").containsEntry("route", "POST /api/v1/db/reset_something"));
        }
    }
}
