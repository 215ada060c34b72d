package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Field readers the shared {@link ConfigProblems} lacks: integers, and lists of mappings. */
final class Fields {
    private Fields() {
    }

    static boolean absent(ConfigNode n) {
        return n == null || (n.isScalar() && n.scalar() == null);
    }

    /** An integer at least {@code min}; {@code dflt} when absent or invalid (the problem is recorded). */
    static Integer integer(ConfigProblems p, ConfigNode parent, String key, int min, Integer dflt) {
        String text = p.text(parent, key, false);
        if (text == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        String range = min == Integer.MIN_VALUE ? "" : " >= " + min;
        p.add(parent.fields().get(key), "must be an integer" + range + ", got '" + text + "'");
        return dflt;
    }

    /**
     * Reads a list of mappings with {@code reader(item, index)}. Items that are not mappings are
     * reported and skipped; a required list must be present and non-empty.
     */
    static <T> List<T> mappings(ConfigProblems p, ConfigNode parent, String key, boolean required,
                                BiFunction<ConfigNode, Integer, T> reader) {
        ConfigNode list = parent.fields().get(key);
        if (absent(list)) {
            if (required) {
                p.add(parent, "'" + key + "' is required");
            }
            return List.of();
        }
        if (!list.isList()) {
            p.add(list, "must be a list");
            return List.of();
        }
        if (required && list.items().isEmpty()) {
            p.add(list, "must list at least one entry");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            ConfigNode item = list.items().get(i);
            if (!item.isMap()) {
                p.add(item, "must be a mapping");
            } else {
                T value = reader.apply(item, i);
                if (value != null) {
                    out.add(value);
                }
            }
        }
        return out;
    }
}
