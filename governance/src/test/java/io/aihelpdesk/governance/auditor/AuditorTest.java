package io.aihelpdesk.governance.auditor;

import static io.aihelpdesk.governance.auditor.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.Appended;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditorTest {
    private Auditor auditor = new Auditor(AuditorSettings.defaults());

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<Alert> feed(AuditEvent... events) {
        List<Alert> all = new ArrayList<>();
        for (AuditEvent e : events) {
            all.addAll(auditor.accept(e));
        }
        return all;
    }

    private static void assertAlert(List<Alert> alerts, Alert.Level level, String rule, String eventId) {
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(level);
            assertThat(a.rule()).isEqualTo(rule);
            assertThat(a.eventId()).isEqualTo(eventId);
        });
    }

    @Test
    void an_ordinary_governed_read_raises_nothing() {
        AuditEvent intent = Calls.intent("evt_1", t(0), "tr_1", "alice", "get_pods", "read", Map.of("ns", "db"));
        assertThat(feed(Calls.decision("evt_0", t(0), "tr_1", "get_pods", "allow"), intent,
                Calls.outcome("evt_2", t(1), intent, "k8s", "success", 120))).isEmpty();
    }

    @Test
    void high_volume_fires_once_per_burst_above_the_per_minute_limit() {
        auditor = new Auditor(AuditorSettings.defaults().withMaxEventsPerMinute(3));
        List<Alert> alerts = feed(Calls.read("evt_1", t(0)), Calls.read("evt_2", t(10)), Calls.read("evt_3", t(20)),
                Calls.read("evt_4", t(30)), Calls.read("evt_5", t(40)));

        assertAlert(alerts, Alert.Level.CRITICAL, "high_volume", "evt_4");
        assertThat(alerts.get(0).details()).containsEntry("events_in_window", 4).containsEntry("limit", 3);
        assertThat(feed(Calls.read("evt_6", t(200)))).isEmpty();
    }

    @Test
    void high_volume_is_off_at_zero() {
        auditor = new Auditor(AuditorSettings.defaults().withMaxEventsPerMinute(0));
        for (int i = 0; i < 500; i++) {
            assertThat(feed(Calls.intent("evt_" + i, t(0), "tr_" + i, "u" + i, "get_pods", "read", Map.of()))).isEmpty();
        }
    }

    @Test
    void off_hours_activity_warns_outside_the_allowed_hours_in_their_zone() {
        auditor = new Auditor(AuditorSettings.defaults().withAllowedHours(9, 17, ZoneId.of("Europe/Berlin")));

        assertThat(feed(Calls.read("evt_1", Instant.parse("2026-03-02T15:30:00Z")))).isEmpty(); // 16:30 in Berlin
        assertAlert(feed(Calls.read("evt_2", Instant.parse("2026-03-02T16:30:00Z"))), Alert.Level.WARN,
                "off_hours_activity", "evt_2"); // 17:30 in Berlin
    }

    @Test
    void a_destructive_intent_without_an_approval_in_its_trace_is_critical() {
        List<Alert> alerts = feed(Calls.intent("evt_1", t(0), "tr_9", "mallory", "terminate_connection",
                "destructive", Map.of("pid", 42)));

        assertAlert(alerts, Alert.Level.CRITICAL, "destructive_without_approval", "evt_1");
        assertThat(alerts.get(0).traceId()).isEqualTo("tr_9");
        assertThat(alerts.get(0).message()).contains("terminate_connection", "mallory");
    }

    @Test
    void a_destructive_intent_after_an_approval_in_its_trace_is_fine() {
        assertThat(feed(Calls.approval("evt_1", t(0), "tr_9", "approved"),
                Calls.intent("evt_2", t(1), "tr_9", "mallory", "terminate_connection", "destructive", Map.of()))).isEmpty();
        assertAlert(feed(Calls.approval("evt_3", t(2), "tr_8", "rejected"),
                Calls.intent("evt_4", t(3), "tr_8", "mallory", "terminate_connection", "destructive", Map.of())),
                Alert.Level.CRITICAL, "destructive_without_approval", "evt_4");
    }

    @Test
    void approval_decided_events_of_the_approval_workflow_count_but_break_glass_is_still_alerted() {
        assertThat(feed(Calls.decided("evt_1", t(0), "tr_7", "approved"),
                Calls.intent("evt_2", t(1), "tr_7", "mallory", "terminate_connection", "destructive", Map.of()))).isEmpty();
        assertAlert(feed(Calls.decided("evt_3", t(2), "tr_6", "emergency"),
                Calls.intent("evt_4", t(3), "tr_6", "mallory", "terminate_connection", "destructive", Map.of())),
                Alert.Level.CRITICAL, "destructive_without_approval", "evt_4");
    }

    @Test
    void a_timestamp_more_than_a_second_backwards_is_critical() {
        List<Alert> alerts = feed(Calls.read("evt_1", t(10)), Calls.read("evt_2", t(8)),
                Calls.read("evt_3", t(10).minusMillis(500)));

        assertAlert(alerts, Alert.Level.CRITICAL, "timestamp_backwards", "evt_2");
        assertThat(alerts.get(0).details()).containsEntry("backwards_ms", 2000L);
    }

    @Test
    void a_gap_over_an_hour_ending_in_working_hours_warns() {
        List<Alert> alerts = feed(Calls.read("evt_1", T0), Calls.read("evt_2", t(5400)),
                Calls.read("evt_3", Instant.parse("2026-03-02T22:00:00Z")));

        assertAlert(alerts, Alert.Level.WARN, "timestamp_gap", "evt_2");
    }

    @Test
    void an_agents_error_rate_warns_above_30_percent_and_is_critical_above_50() {
        List<AuditEvent> events = new ArrayList<>();
        String[] statuses = {"success", "success", "success", "error", "error", "error", "error"};
        for (int i = 0; i < statuses.length; i++) {
            AuditEvent intent = Calls.intent("evt_i" + i, t(i), "tr_" + i, "u" + i, "get_pods", "read", Map.of());
            events.add(intent);
            events.add(Calls.outcome("evt_o" + i, t(i), intent, "k8s", statuses[i], 10));
        }
        List<Alert> alerts = feed(events.toArray(AuditEvent[]::new));

        assertThat(alerts).extracting(Alert::rule).containsOnly("high_error_rate");
        assertThat(alerts).extracting(Alert::eventId).containsExactly("evt_o4", "evt_o5", "evt_o6");
        assertThat(alerts).extracting(Alert::level)
                .containsExactly(Alert.Level.WARN, Alert.Level.WARN, Alert.Level.CRITICAL);
        assertThat(alerts.get(2).details()).containsEntry("agent", "k8s").containsEntry("errors", 4L)
                .containsEntry("calls", 7L);
    }

    @Test
    void slow_tools_warn_over_15_s_and_are_critical_over_30_s() {
        AuditEvent intent = Calls.intent("evt_1", t(0), "tr_1", "alice", "get_table_stats", "read", Map.of());

        assertThat(feed(Calls.outcome("evt_2", t(1), intent, "db", "success", 15_000))).isEmpty();
        assertAlert(feed(Calls.outcome("evt_3", t(2), intent, "db", "success", 15_001)), Alert.Level.WARN,
                "slow_tool", "evt_3");
        assertAlert(feed(Calls.outcome("evt_4", t(3), intent, "db", "error", 30_001)), Alert.Level.CRITICAL,
                "slow_tool", "evt_4");
    }

    @Test
    void the_same_call_for_the_third_time_in_the_last_four_is_critical() {
        Map<String, Object> same = Map.of("database", "prod");
        List<Alert> alerts = feed(
                Calls.intent("evt_1", t(0), "tr_1", "bot", "get_lock_info", "read", same),
                Calls.intent("evt_2", t(1), "tr_2", "bot", "get_lock_info", "read", Map.of("database", "dev")),
                Calls.intent("evt_3", t(2), "tr_3", "bot", "get_lock_info", "read", same),
                Calls.intent("evt_4", t(3), "tr_4", "other", "get_lock_info", "read", same),
                Calls.intent("evt_5", t(4), "tr_5", "bot", "get_lock_info", "read", same),
                Calls.intent("evt_6", t(5), "tr_6", "bot", "get_lock_info", "read", same));

        assertAlert(alerts, Alert.Level.CRITICAL, "repeated_query", "evt_6");
        assertThat(alerts.get(0).details()).containsEntry("principal", "bot").containsEntry("repeats", 3L);
    }

    @Test
    void a_policy_denial_warns_once_per_trace() {
        List<Alert> alerts = feed(Calls.decision("evt_1", t(0), "tr_1", "drop_table", "deny"),
                Calls.stopped("evt_2", t(0), "tr_1", "drop_table", "denied"));

        assertAlert(alerts, Alert.Level.WARN, "denied_call", "evt_1");
        assertThat(alerts.get(0).message()).contains("drop_table", "mallory", "no drops in prod");
        assertAlert(feed(Calls.stopped("evt_3", t(1), "tr_2", "drop_table", "denied")), Alert.Level.WARN,
                "denied_call", "evt_3");
    }

    @Test
    void a_broken_chain_is_critical_and_names_the_broken_event(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        auditor = new Auditor(AuditorSettings.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
        java.nio.file.Path file = dir.resolve("audit.db");
        try (io.aihelpdesk.governance.audit.SqliteAuditStore store = new io.aihelpdesk.governance.audit.SqliteAuditStore(file)) {
            store.append(AuditEvent.of("gateway_request").withTrace("tr_one", null));
            Appended second = store.append(AuditEvent.of("gateway_request").withTrace("tr_two", null));
            assertThat(auditor.checkChain(store)).isEmpty();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("UPDATE audit_events SET raw_json = replace(raw_json, 'tr_two', 'tr_six') WHERE event_id = '"
                        + second.eventId() + "'");
            }
            Alert alert = auditor.checkChain(store).orElseThrow();
            assertThat(alert.level()).isEqualTo(Alert.Level.CRITICAL);
            assertThat(alert.rule()).isEqualTo("chain_verification_failed");
            assertThat(alert.eventId()).isEqualTo(second.eventId());
            assertThat(alert.message()).startsWith("audit chain broken at " + second.eventId() + ":");
            assertThat(alert.details()).containsEntry("broken_at", second.eventId()).containsEntry("verified_events", 1L);
        }
    }

    @Test
    void settings_reject_impossible_values_all_at_once() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditorSettings(-1, 25, 3, null, -1, 0, 5,
                0.3, 0.5, 4, 3, null, null, Duration.ZERO))
                .hasMessageContaining("max_events_per_minute is -1").hasMessageContaining("allowed hours 25–3")
                .hasMessageContaining("slow tool thresholds");
    }

}
