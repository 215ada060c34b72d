package io.aihelpdesk.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path dir;
    SqliteAuditStore store;
    List<AuditEvent> events = new ArrayList<>();

    @BeforeEach
    void fill() {
        store = new SqliteAuditStore(dir.resolve("audit.db"));
        for (int i = 0; i < 30; i++) {
            AuditEvent e = Events.at(Events.execution("s" + i % 3, i % 2 == 0 ? "get_pods" : "cancel_query",
                    i % 2 == 0 ? "k8s_agent" : "db_agent", i % 2 == 0 ? "read" : "destructive"), T0.plusSeconds(i));
            if (i % 10 == 0) {
                e = e.withPrincipal(new AuditEvent.Principal("bot", "service", List.of()));
            }
            store.append(e);
            events.add(e);
        }
        store.append(AuditEvent.outcomeOf(events.get(4), new AuditEvent.Outcome("error", "timeout", 30000L)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void filters_by_each_indexed_field() {
        assertThat(store.query(AuditQuery.all().session("s1").type("tool_execution"))).hasSize(10)
                .allMatch(e -> e.session().id().equals("s1"));
        assertThat(store.query(AuditQuery.all().trace("tr_s2"))).hasSize(10);
        assertThat(store.query(AuditQuery.all().agent("db_agent"))).hasSize(15)
                .allMatch(e -> e.tool().name().equals("cancel_query"));
        assertThat(store.query(AuditQuery.all().actionClass("destructive").tool("cancel_query"))).hasSize(15);
        assertThat(store.query(AuditQuery.all().principal("bot"))).extracting(AuditEvent::eventId)
                .containsExactly(events.get(0).eventId(), events.get(10).eventId(), events.get(20).eventId());
        assertThat(store.query(AuditQuery.all().type("outcome"))).singleElement()
                .satisfies(o -> assertThat(o.parentId()).isEqualTo(events.get(4).eventId()))
                .satisfies(o -> assertThat(o.outcome()).isEqualTo(new AuditEvent.Outcome("error", "timeout", 30000L)));
    }

    @Test
    void since_is_inclusive_and_until_exclusive() {
        List<AuditEvent> window = store.query(AuditQuery.all().type("tool_execution")
                .between(T0.plusSeconds(5), T0.plusSeconds(8)));

        assertThat(window).extracting(AuditEvent::eventId).containsExactly(events.get(5).eventId(),
                events.get(6).eventId(), events.get(7).eventId());
    }

    @Test
    void pages_through_everything_in_chain_order_with_the_cursor() {
        List<String> seen = new ArrayList<>();
        AuditQuery q = AuditQuery.all().type("tool_execution").limit(7);
        int pages = 0;
        while (q != null) {
            List<AuditEvent> page = store.query(q);
            page.forEach(e -> seen.add(e.eventId()));
            q = q.next(page);
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(events.stream().map(AuditEvent::eventId).toList());
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void limit_defaults_to_100_and_is_capped_at_1000() {
        assertThat(AuditQuery.all().limit(0).limit()).isEqualTo(100);
        assertThat(AuditQuery.all().limit(5000).limit()).isEqualTo(1000);
    }

    @Test
    void rejects_a_cursor_it_did_not_issue() {
        assertThatThrownBy(() -> AuditQuery.all().cursor("42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was not issued by this store");
    }
}
