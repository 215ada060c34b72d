package io.aihelpdesk.tools.faults;

import java.util.List;

/** What a correct diagnosis of a fault mentions: tools used, any of the keywords, and the category. */
public record Evaluation(List<String> expectedTools, List<String> keywordsAnyOf, String category) {
    public Evaluation {
        expectedTools = List.copyOf(expectedTools);
        keywordsAnyOf = List.copyOf(keywordsAnyOf);
    }
}
