package io.aihelpdesk.tools.postgres.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GetBlockingQueriesTest {
    @Test
    void shows_a_chain_a_blocks_b_blocks_c_as_one_tree_rooted_at_a() throws Exception {
        TestPostgres.exec("create table chain_probe(id int primary key, v int)", "insert into chain_probe values (1, 0), (2, 0)");
        try (Connection c = TestPostgres.admin(); Connection b = TestPostgres.admin(); Connection a = TestPostgres.admin()) {
            int pa = pid(a);
            int pb = pid(b);
            int pc = pid(c);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            exec(a, "update chain_probe set v = 1 where id = 1");
            exec(b, "update chain_probe set v = 2 where id = 2");
            CompletableFuture<Void> bWaits = async(b, "update chain_probe set v = 2 where id = 1");
            awaitBlocked(pb);
            CompletableFuture<Void> cWaits = async(c, "update chain_probe set v = 3 where id = 2");
            awaitBlocked(pc);

            Map<String, Object> data = TestPostgres.data("get_blocking_queries", Map.of());
            List<Map<String, Object>> roots = nodes(data, "roots");
            assertThat(roots).hasSize(1);
            Map<String, Object> root = roots.get(0);
            assertThat(root).containsEntry("pid", pa).containsEntry("state", "idle in transaction")
                    .containsEntry("blocked_count", 2).containsEntry("blocked_by", List.of());
            List<Map<String, Object>> waiters = nodes(root, "blocked");
            assertThat(waiters).hasSize(2);
            Map<String, Object> nodeB = waiters.get(0);
            assertThat(nodeB).containsEntry("pid", pb).containsEntry("waits_behind_pid", pa).containsEntry("depth", 1)
                    .containsEntry("waiting_for_mode", "ShareLock").containsEntry("blocked_by", List.of(pa))
                    .containsEntry("blocked_count", 1);
            assertThat((String) nodeB.get("query")).isEqualTo("update chain_probe set v = 2 where id = 1");
            Map<String, Object> nodeC = waiters.get(1);
            assertThat(nodeC).containsEntry("pid", pc).containsEntry("waits_behind_pid", pb).containsEntry("depth", 2)
                    .containsEntry("blocked_by", List.of(pb)).containsEntry("blocked_count", 0);
            assertThat(data.get("blocked_sessions")).isEqualTo(2);
            assertThat(TestPostgres.call("get_blocking_queries", Map.of()).text())
                    .startsWith("Root blocker pid " + pa + " (postgres, idle in transaction) holds up 2 sessions");

            a.rollback();
            bWaits.get();
            b.rollback();
            cWaits.get();
        } finally {
            TestPostgres.exec("drop table chain_probe");
        }
        assertThat(TestPostgres.call("get_blocking_queries", Map.of()).text()).startsWith("No blocking sessions found.");
    }

    @Test
    void nests_a_queued_waiter_under_the_waiter_ahead_of_it_rather_than_the_holder() {
        LockTree.Row holder = row(10, List.of());
        LockTree.Row first = row(20, List.of(10));
        LockTree.Row second = row(30, List.of(10, 20));
        List<LockTree.Branch> forest = LockTree.build(List.of(holder, first, second));
        assertThat(forest).hasSize(1);
        GetBlockingQueries.Root root = GetBlockingQueries.root(forest.get(0));
        assertThat(root.pid()).isEqualTo(10);
        assertThat(root.blockedCount()).isEqualTo(2);
        assertThat(root.blocked()).extracting(GetBlockingQueries.Waiter::pid, GetBlockingQueries.Waiter::waitsBehindPid,
                GetBlockingQueries.Waiter::depth).containsExactly(tuple(20, 10, 1), tuple(30, 20, 2));
    }

    @Test
    void still_shows_sessions_in_a_wait_cycle() {
        List<LockTree.Branch> forest = LockTree.build(List.of(row(1, List.of(2)), row(2, List.of(1))));
        assertThat(forest).hasSize(1);
        GetBlockingQueries.Root root = GetBlockingQueries.root(forest.get(0));
        assertThat(root.pid()).isEqualTo(1);
        assertThat(root.blockedBy()).containsExactly(2);
        assertThat(root.blocked()).extracting(GetBlockingQueries.Waiter::pid).containsExactly(2);
    }

    private static LockTree.Row row(int pid, List<Integer> blockedBy) {
        return new LockTree.Row(pid, "u", "db", "active", null, null, 1.0, 1.0, null, null, "q", blockedBy);
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static CompletableFuture<Void> async(Connection c, String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                exec(c, sql);
            } catch (SQLException ignored) {
                // ends when the blocker rolls back
            }
        }, TestPostgres.OWN_THREAD);
    }

    private static void awaitBlocked(int pid) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select cardinality(pg_blocking_pids(" + pid + "))")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("pid " + pid + " never blocked");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> data, String key) {
        return (List<Map<String, Object>>) data.get(key);
    }
}
