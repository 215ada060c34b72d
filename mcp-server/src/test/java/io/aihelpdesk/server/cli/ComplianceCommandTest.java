package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.tools.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helpdesk compliance report} over an audit database holding calls as the pipeline chains them. */
class ComplianceCommandTest {
    @TempDir
    Path dir;

    private static final AuditEvent.Principal ALICE = new AuditEvent.Principal("alice", "user", List.of("dba"));

    /**
     * On 2026-11-24: a denied write (one event), and an allowed read (decision, intent, outcome) that
     * starts just before midnight and ends just after it. On 2026-11-23: a read that never ended.
     */
    private Path auditDb() {
        Path db = dir.resolve("audit.db");
        try (SqliteAuditStore store = new SqliteAuditStore(db)) {
            store.append(event("tool_execution", Instant.parse("2026-11-23T10:00:00Z"), "tr_000000000003", "read"));
            Instant t = Instant.parse("2026-11-24T10:00:00Z");
            store.append(event("tool_execution", t, "tr_000000000002", "write")
                    .withOutcome(new AuditEvent.Outcome("denied", "DENIED — cancel_query: no matching policy", 0L)));
            Instant late = Instant.parse("2026-11-24T23:59:59.990Z");
            Map<String, Object> decision = Map.of("effect", "allow", "policy_version", "a".repeat(64));
            store.append(event("policy_decision", late, "tr_000000000001", "read").withDecision(decision));
            AuditEvent intent = event("tool_execution", late, "tr_000000000001", "read");
            store.append(intent);
            AuditEvent outcome = AuditEvent.outcomeOf(intent, new AuditEvent.Outcome("success", null, 20L));
            store.append(new AuditEvent(outcome.eventId(), Instant.parse("2026-11-25T00:00:00.010Z"), "outcome", outcome.traceId(),
                    outcome.parentId(), outcome.actionClass(), outcome.session(), outcome.principal(), intent.tool(), null,
                    outcome.outcome(), null, null));
        }
        return db;
    }

    private static AuditEvent event(String type, Instant at, String trace, String actionClass) {
        AuditEvent e = AuditEvent.of(type);
        return new AuditEvent(e.eventId(), at, type, null, null, null, null, null, null, null, null, null, null)
                .withTrace(trace, null).withActionClass(actionClass).withPrincipal(ALICE)
                .withTool(new AuditEvent.Tool(actionClass.equals("read") ? "check_connection" : "cancel_query", "aihelpdesk/test",
                        Map.of("connection_string", "prod"), null, null, null, null));
    }

    @Test
    void writes_a_json_report_of_the_period_to_a_file() throws Exception {
        Path out = dir.resolve("report.json");
        CliRun run = CliRun.of("compliance", "report", "--audit-db", auditDb().toString(), "--from", "2026-11-24",
                "--to", "2026-11-25", "--format", "json", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("2 calls, 1 denials, 1 changes, audit chain intact → " + out);
        Map<String, Object> json = Json.mapper().readValue(Files.readString(out), Map.class);
        assertThat(json).containsEntry("total_calls", 2).containsEntry("from", "2026-11-24T00:00:00Z");
        assertThat((Map<String, Object>) json.get("by_outcome")).containsExactlyInAnyOrderEntriesOf(Map.of("success", 1, "denied", 1));
        assertThat((List<?>) json.get("policy_versions")).hasSize(1);
        assertThat((Map<String, Object>) json.get("chain_verification")).containsEntry("valid", true).containsEntry("total_events", 5);
    }

    @Test
    void prints_csv_and_html_to_standard_output() {
        Path db = auditDb();
        CliRun csv = CliRun.of("compliance", "report", "--audit-db", db.toString(), "--from", "2026-11-23T00:00:00Z",
                "--to", "2026-11-25", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out().split("\r\n")).hasSize(4);
        assertThat(csv.out()).contains(",alice,check_connection,read,prod,unfinished,", ",alice,cancel_query,write,prod,denied,");
        CliRun html = CliRun.of("compliance", "report", "--audit-db", db.toString(), "--from", "2026-11-23");
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("id=\"total-calls\">3<", "<svg id=\"chart-outcome\"");
    }

    @Test
    void rejects_a_malformed_period_with_what_it_accepts() {
        CliRun run = CliRun.of("compliance", "report", "--audit-db", auditDb().toString(), "--from", "last week");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--from 'last week' is neither a date (2026-11-01) nor an instant (2026-11-01T09:00:00Z)");
    }
}
