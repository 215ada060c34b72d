package io.aihelpdesk.tools.postgres.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetConnectionStatsTest {
    @Test
    void counts_idle_and_idle_in_transaction_sessions_per_database() throws Exception {
        TestPostgres.exec("create database connstats_probe");
        try (Connection idle = TestPostgres.server().getDatabase("postgres", "connstats_probe").getConnection();
             Connection inTx = TestPostgres.server().getDatabase("postgres", "connstats_probe").getConnection()) {
            inTx.setAutoCommit(false);
            try (Statement s = inTx.createStatement()) {
                s.execute("select 1");
            }
            try (Statement s = idle.createStatement()) {
                s.execute("select 1");
            }
            Map<String, Object> data = TestPostgres.data("get_connection_stats", Map.of());
            Map<String, Object> probe = Backend.list(data, "databases").stream()
                    .filter(d -> "connstats_probe".equals(d.get("database"))).findFirst().orElseThrow();
            assertThat(probe).containsEntry("total", 2L).containsEntry("idle", 1L).containsEntry("idle_in_transaction", 1L)
                    .containsEntry("active", 0L).containsEntry("waiting_on_lock", 0L);
            @SuppressWarnings("unchecked")
            Map<String, Object> limits = (Map<String, Object>) data.get("limits");
            assertThat(limits.get("max_connections")).isEqualTo(60);
            assertThat(((Number) limits.get("total_connections")).longValue()).isGreaterThanOrEqualTo(3);
            assertThat(((Number) limits.get("percent_used")).doubleValue()).isPositive();
            inTx.rollback();
        } finally {
            TestPostgres.exec("drop database connstats_probe with (force)");
        }
    }

    @Test
    void warns_when_more_than_80_percent_of_max_connections_are_used() {
        GetConnectionStats.Limits busy = GetConnectionStats.limits(new GetConnectionStats.RawLimits(17, 20, 3, 0));
        assertThat(busy.percentUsed()).isEqualTo(85.0);
        assertThat(busy.availableForOrdinaryRoles()).isZero();
        assertThat(GetConnectionStats.summary(new GetConnectionStats.Reply(List.of(), busy)))
                .startsWith("17 of 20 connections used (85.0%)").contains("WARNING: above 80% of max_connections");

        GetConnectionStats.Limits calm = GetConnectionStats.limits(new GetConnectionStats.RawLimits(16, 20, 3, null));
        assertThat(GetConnectionStats.summary(new GetConnectionStats.Reply(List.of(), calm))).doesNotContain("WARNING");
    }
}
