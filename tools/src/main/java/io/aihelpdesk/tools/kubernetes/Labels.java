package io.aihelpdesk.tools.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label selectors written the way kubectl accepts them: {@code app=orders-db,role=primary}. */
public final class Labels {
    private Labels() {
    }

    /** An equality selector as text, keys sorted; "" for none. */
    public static String selector(Map<String, String> matchLabels) {
        if (matchLabels == null || matchLabels.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(matchLabels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /** A workload's selector (match labels, then match expressions) as text; "" for none. */
    public static String selector(LabelSelector s) {
        if (s == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String labels = selector(s.getMatchLabels());
        if (!labels.isEmpty()) {
            parts.add(labels);
        }
        for (LabelSelectorRequirement r : s.getMatchExpressions()) {
            parts.add(expression(r));
        }
        return String.join(",", parts);
    }

    /** Whether {@code labels} carry every key=value of an equality selector (an empty selector matches nothing). */
    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    private static String expression(LabelSelectorRequirement r) {
        String values = "(" + String.join(",", r.getValues()) + ")";
        return switch (r.getOperator()) {
            case "In" -> r.getKey() + " in " + values;
            case "NotIn" -> r.getKey() + " notin " + values;
            case "Exists" -> r.getKey();
            case "DoesNotExist" -> "!" + r.getKey();
            default -> r.getKey() + " " + r.getOperator() + " " + values;
        };
    }
}
