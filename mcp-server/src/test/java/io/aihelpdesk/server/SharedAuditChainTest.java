package io.aihelpdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.Verification;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two server replicas configured with one PostgreSQL audit URL keep a single valid chain. */
class SharedAuditChainTest {
    @Test
    void two_replicas_sharing_a_postgresql_audit_store_keep_one_chain() throws Exception {
        DemoFixture demo = DemoFixture.get();
        int port = demo.database.port();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database shared_audit");
        }
        String url = "host=localhost port=" + port + " dbname=shared_audit user=postgres";
        GovernanceOptions options = new GovernanceOptions(Files.createTempFile("unused-", ".db"), url, null, Verdict.DENY, false);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Helpdesk a = new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(), options);
             Helpdesk b = new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(), options)) {
            List<Future<Outcome>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Helpdesk replica = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> replica.pipeline().run(new Invocation("check_connection",
                        Map.of("connection_string", "demo"), Caller.osUser("test"), null, "test"))));
            }
            for (Future<Outcome> f : calls) {
                assertThat(f.get()).isInstanceOf(Outcome.Succeeded.class);
            }
            Verification v = a.audit().verify();
            assertThat(v.valid()).as(String.valueOf(v.error())).isTrue();
            assertThat(v.totalEvents()).isEqualTo(120);
            assertThat(b.audit().verify().lastHash()).isEqualTo(v.lastHash());
        } finally {
            pool.shutdownNow();
        }
    }
}
