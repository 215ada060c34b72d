package io.aihelpdesk.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders structured results as concise text for people and for models that read text only: the
 * summary line, scalar fields as {@code key: value}, and lists of objects as aligned tables.
 */
final class TextRenderer {
    private static final int MAX_CELL = 80;

    private TextRenderer() {
    }

    static String render(String summary, Map<String, Object> data) {
        StringBuilder out = new StringBuilder(summary);
        List<String> scalars = new ArrayList<>();
        StringBuilder tables = new StringBuilder();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
                tables.append("\n\n").append(e.getKey()).append(" (").append(list.size()).append("):\n");
                table(tables, list);
            } else if (v instanceof Map<?, ?> map) {
                map.forEach((k, mv) -> scalars.add(e.getKey() + "." + k + ": " + cell(mv)));
            } else if (v instanceof List<?> list && list.isEmpty()) {
                scalars.add(e.getKey() + ": (none)");
            } else if (v != null) {
                scalars.add(e.getKey() + ": " + cell(v));
            }
        }
        if (!scalars.isEmpty()) {
            out.append("\n\n").append(String.join("\n", scalars));
        }
        return out.append(tables).toString();
    }

    private static void table(StringBuilder out, List<?> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> ((Map<?, ?>) r).keySet().forEach(k -> columns.add(String.valueOf(k))));
        List<String> cols = List.copyOf(columns);
        int[] width = new int[cols.size()];
        List<String[]> cells = new ArrayList<>();
        for (Object r : rows) {
            String[] line = new String[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                line[i] = cell(((Map<?, ?>) r).get(cols.get(i)));
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        for (int i = 0; i < cols.size(); i++) {
            width[i] = Math.max(width[i], cols.get(i).length());
        }
        appendLine(out, cols.toArray(String[]::new), width);
        cells.forEach(line -> appendLine(out, line, width));
        out.setLength(out.length() - 1);
    }

    private static void appendLine(StringBuilder out, String[] line, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            s.append(line[i]);
            if (i < line.length - 1) {
                s.append(" ".repeat(width[i] - line[i].length() + 2));
            }
        }
        out.append(s.toString().stripTrailing()).append('\n');
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Map || v instanceof List ? Json.write(v) : String.valueOf(v);
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
    }
}
