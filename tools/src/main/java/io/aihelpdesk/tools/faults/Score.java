package io.aihelpdesk.tools.faults;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * How well one answer diagnosed one fault. The original's formula on the response text:
 * keyword = any expected keyword present (1/0); diagnosis = share of the expected category's words
 * present, counted only at 0.5 or more; tools = share of expected tools used or named.
 * Score = 0.5·keyword + 0.3·diagnosis + 0.2·tools; pass at 0.6 or more with a keyword hit.
 * Strict: the answer's top finding has exactly the expected category.
 */
public record Score(double score, boolean passed, boolean keywordPass, boolean diagnosisPass, double toolEvidence,
                    String topCategory, boolean strictPass) {
    public static final double PASS = 0.6;

    public static Score of(Evaluation e, String responseText, Collection<String> toolsUsed, String topCategory) {
        String text = responseText == null ? "" : responseText.toLowerCase(Locale.ROOT);
        boolean keyword = e.keywordsAnyOf().stream().anyMatch(k -> text.contains(k.toLowerCase(Locale.ROOT)));
        List<String> words = Arrays.stream(e.category().split("_")).filter(w -> !w.isBlank()).toList();
        double share = words.isEmpty() ? 0 : (double) words.stream().filter(text::contains).count() / words.size();
        double diagnosis = share >= 0.5 ? share : 0;
        double tools = e.expectedTools().isEmpty() ? 1.0
                : (double) e.expectedTools().stream().filter(t -> toolsUsed.contains(t) || text.contains(t)).count()
                        / e.expectedTools().size();
        double score = round(0.5 * (keyword ? 1 : 0) + 0.3 * diagnosis + 0.2 * tools);
        return new Score(score, score >= PASS && keyword, keyword, diagnosis > 0, round(tools), topCategory,
                e.category().equals(topCategory));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
