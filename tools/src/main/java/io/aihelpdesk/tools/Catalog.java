package io.aihelpdesk.tools;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools this server offers, built from an explicit list. A duplicate name, or a parameter or
 * result record whose schema cannot be derived, fails at startup rather than at first call.
 */
public final class Catalog {
    private final Map<String, ToolDefinition<?, ?>> tools;
    private final Map<String, Map<String, Object>> inputSchemas = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> outputSchemas = new LinkedHashMap<>();

    public Catalog(List<ToolDefinition<?, ?>> definitions) {
        Map<String, ToolDefinition<?, ?>> byName = new LinkedHashMap<>();
        for (ToolDefinition<?, ?> d : definitions) {
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new IllegalStateException("duplicate tool name '" + d.name() + "' in the catalog");
            }
            inputSchemas.put(d.name(), Schemas.input(d.params()));
            outputSchemas.put(d.name(), Schemas.output(d.result()));
        }
        this.tools = Collections.unmodifiableMap(byName);
    }

    public Collection<ToolDefinition<?, ?>> all() {
        return tools.values();
    }

    public Optional<ToolDefinition<?, ?>> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public Map<String, Object> inputSchema(String name) {
        return inputSchemas.get(name);
    }

    public Map<String, Object> outputSchema(String name) {
        return outputSchemas.get(name);
    }

    /** Catalog names closest to a misspelled one, for "did you mean" messages. */
    public List<String> similar(String name) {
        return tools.keySet().stream()
                .filter(n -> n.contains(name) || name.contains(n) || distance(n, name) <= 3)
                .limit(5)
                .toList();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
