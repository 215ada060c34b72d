package io.aihelpdesk.server.bench;

import io.aihelpdesk.tools.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one bench run: sections of rows (ordered name → value maps) rendered as markdown
 * tables, one per section, and as JSON with the machine they were measured on.
 */
public final class BenchReport {
    /** One line of a section; values are numbers (rendered with 2 decimals at most) or text. */
    public record Row(String section, Map<String, Object> values) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final String mode;

    public BenchReport(String mode) {
        this.mode = mode;
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", Runtime.version().toString());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("cpu", cpuModel());
    }

    /** Adds a row: alternating column names and values. */
    public synchronized void add(String section, Object... kv) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            values.put((String) kv[i], kv[i + 1]);
        }
        rows.add(new Row(section, values));
    }

    /** A sentence printed under a section's table (what was measured, what was skipped and why). */
    public synchronized void note(String section, String text) {
        notes.merge(section, text, (a, b) -> a + " " + b);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<Row> section(String section) {
        return rows.stream().filter(r -> r.section().equals(section)).toList();
    }

    public synchronized String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("aiHelpDesk bench (").append(mode).append("), ").append(machine.get("cores")).append(" cores (")
                .append(machine.get("cpu")).append("), Java ").append(machine.get("java")).append(", ").append(machine.get("os"))
                .append('\n');
        for (String section : sections()) {
            List<Row> in = section(section);
            md.append("\n### ").append(section).append("\n\n");
            List<String> columns = new ArrayList<>();
            in.forEach(r -> r.values().keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add));
            md.append("| ").append(String.join(" | ", columns)).append(" |\n|");
            for (int i = 0; i < columns.size(); i++) {
                md.append(i == 0 ? "---|" : "---:|");
            }
            md.append('\n');
            for (Row r : in) {
                md.append("| ");
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(cell(r.values().get(c)));
                }
                md.append(String.join(" | ", cells)).append(" |\n");
            }
            if (notes.containsKey(section)) {
                md.append('\n').append(notes.get(section)).append('\n');
            }
        }
        return md.toString();
    }

    private List<String> sections() {
        List<String> s = new ArrayList<>();
        rows.forEach(r -> {
            if (!s.contains(r.section())) {
                s.add(r.section());
            }
        });
        notes.keySet().stream().filter(k -> !s.contains(k)).forEach(s::add);
        // "1. …" before "2. …": sections are numbered as the items, whatever order they were measured in
        s.sort(java.util.Comparator.comparing(BenchReport::number));
        return s;
    }

    private static int number(String section) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.").matcher(section);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(v).replace("|", "\\|");
    }

    public synchronized Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("measured_at", Instant.now().toString());
        out.put("machine", machine);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (String section : sections()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("section", section);
            s.put("rows", section(section).stream().map(r -> snake(r.values())).toList());
            if (notes.containsKey(section)) {
                s.put("note", notes.get(section));
            }
            sections.add(s);
        }
        out.put("sections", sections);
        return out;
    }

    /** Column headers as JSON keys: "p50 ms" → "p50_ms", "calls/s" → "calls_per_s". */
    private static Map<String, Object> snake(Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT).replace("/", "_per_").replace("÷", "over")
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", ""), v));
        return m;
    }

    public void writeJson(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, Json.writePretty(json()));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
