package io.aihelpdesk.governance.compliance;

import java.util.Map;

/**
 * A horizontal bar chart as inline SVG, drawn on the server: no script, no CDN, renders offline
 * and in any browser. Each bar carries its label and count as text and as data attributes.
 */
final class BarChart {
    private static final int WIDTH = 560;
    private static final int LABEL = 180;
    private static final int ROW = 26;
    private static final String[] COLOURS = {"#2f6db5", "#d9822b", "#3a9d5d", "#c23b3b", "#7d5ba6", "#5b7a8c"};
    /** Outcomes keep one colour whatever their rank, so a red bar always means denials. */
    private static final Map<String, String> FIXED = Map.of("success", "#3a9d5d", "denied", "#c23b3b", "error", "#d9822b",
            "invalid", "#5b7a8c", "pending_approval", "#7d5ba6", "unfinished", "#9aa5b1");

    private BarChart() {
    }

    /** @param fixedColours whether known outcome names get their own colour (the outcome chart) */
    static String svg(String id, String title, Map<String, Long> counts, boolean fixedColours) {
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int height = Math.max(1, counts.size()) * ROW + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(id).append("\" role=\"img\" aria-label=\"").append(Html.escape(title))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">");
        s.append("<text x=\"0\" y=\"16\" class=\"chart-title\">").append(Html.escape(title)).append("</text>");
        if (counts.isEmpty()) {
            s.append("<text x=\"0\" y=\"42\">no calls</text>");
        }
        int y = 28;
        int i = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            int w = (int) Math.max(2, Math.round((WIDTH - LABEL - 60) * (double) e.getValue() / Math.max(1, max)));
            String label = e.getKey().length() > 26 ? e.getKey().substring(0, 25) + "…" : e.getKey();
            s.append("<g class=\"bar\" data-label=\"").append(Html.escape(e.getKey())).append("\" data-count=\"")
                    .append(e.getValue()).append("\">");
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(Html.escape(label)).append("</text>");
            s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 2).append("\" width=\"").append(w)
                    .append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(fixedColours && FIXED.containsKey(e.getKey()) ? FIXED.get(e.getKey())
                    : COLOURS[i % COLOURS.length]).append("\"/>");
            s.append("<text x=\"").append(LABEL + w + 6).append("\" y=\"").append(y + 15).append("\">").append(e.getValue())
                    .append("</text></g>");
            y += ROW;
            i++;
        }
        return s.append("</svg>").toString();
    }
}
