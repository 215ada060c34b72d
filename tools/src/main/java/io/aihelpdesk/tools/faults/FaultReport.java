package io.aihelpdesk.tools.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's report in the original's JSON shape ({@code id, timestamp, results[], summary}), with the
 * strict score added next to the original's fields.
 */
public record FaultReport(String id, Instant timestamp, String agent, List<FaultResult> results) {
    public FaultReport {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(FaultResult::passed).count();
    }

    public long strictPassed() {
        return results.stream().filter(FaultResult::strictPass).count();
    }

    /** A report read back from its JSON (as a running lab sends it), with the faults looked up in {@code catalog}. */
    public static FaultReport fromJson(Map<?, ?> json, FaultCatalog catalog) {
        List<FaultResult> results = new ArrayList<>();
        for (Object o : (List<?>) json.get("results")) {
            Map<?, ?> r = (Map<?, ?>) o;
            Fault f = catalog.find(String.valueOf(r.get("failure_id"))).orElseThrow();
            String top = String.valueOf(r.get("top_category"));
            Score score = new Score(((Number) r.get("score")).doubleValue(), Boolean.TRUE.equals(r.get("passed")),
                    Boolean.TRUE.equals(r.get("keyword_pass")), Boolean.TRUE.equals(r.get("diagnosis_pass")),
                    ((Number) r.get("tool_evidence")).doubleValue(), top.isEmpty() ? null : top, Boolean.TRUE.equals(r.get("strict_pass")));
            String error = String.valueOf(r.get("error"));
            results.add(new FaultResult(f, score, String.valueOf(r.get("response_text")), ((Number) r.get("duration_ms")).longValue(),
                    error.isEmpty() ? null : error));
        }
        return new FaultReport(String.valueOf(json.get("id")), Instant.parse(String.valueOf(json.get("timestamp"))),
                String.valueOf(json.get("agent")), results);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("timestamp", timestamp.toString());
        out.put("agent", agent);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FaultResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("failure_id", r.fault().id());
            row.put("failure_name", r.fault().name());
            row.put("category", r.fault().category());
            row.put("score", r.score() == null ? 0.0 : r.score().score());
            row.put("passed", r.passed());
            row.put("keyword_pass", r.score() != null && r.score().keywordPass());
            row.put("diagnosis_pass", r.score() != null && r.score().diagnosisPass());
            row.put("tool_evidence", r.score() == null ? 0.0 : r.score().toolEvidence());
            row.put("response_text", r.responseText() == null ? "" : r.responseText());
            row.put("duration", r.durationMs() / 1000.0 + "s");
            row.put("duration_ms", r.durationMs());
            row.put("error", r.error() == null ? "" : r.error());
            row.put("expected_category", r.fault().evaluation().category());
            row.put("top_category", r.score() == null || r.score().topCategory() == null ? "" : r.score().topCategory());
            row.put("strict_pass", r.strictPass());
            rows.add(row);
        }
        out.put("results", rows);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", results.size());
        summary.put("passed", passed());
        summary.put("failed", results.size() - passed());
        summary.put("pass_rate", results.isEmpty() ? 0.0 : Math.round(1000.0 * passed() / results.size()) / 1000.0);
        summary.put("strict_passed", strictPassed());
        Map<String, Map<String, Long>> categories = new TreeMap<>();
        for (FaultResult r : results) {
            Map<String, Long> c = categories.computeIfAbsent(r.fault().category(), k -> new LinkedHashMap<>(Map.of("total", 0L, "passed", 0L)));
            c.merge("total", 1L, Long::sum);
            c.merge("passed", r.passed() ? 1L : 0L, Long::sum);
        }
        summary.put("categories", categories);
        summary.put("duration_ms", results.stream().mapToLong(FaultResult::durationMs).sum());
        out.put("summary", summary);
        return out;
    }
}
