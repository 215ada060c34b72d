package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one playbook file (YAML or JSON). Every problem is collected and reported at
 * once with file and line. {@code ${...}} is kept as written: a playbook's content must not depend
 * on the environment of the server reading it.
 */
public final class PlaybookReader {
    private static final Pattern ID = Pattern.compile("pb_[a-z0-9_]{1,60}");
    private static final Pattern CLASS = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    private static final Pattern TOOL = Pattern.compile("[a-z][a-z0-9_]{2,63}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,6}(\\.\\d{1,6}){0,2}");
    private static final Set<String> TOP = Set.of("id", "version", "problem_class", "title", "symptoms",
            "investigation", "remediation", "escalation");
    private static final Set<String> STEP = Set.of("tool", "arguments", "look_for");
    private static final Set<String> REMEDY = Set.of("action", "tool", "effect", "approval_expected");
    private static final Set<String> ESCALATION = Set.of("when", "to");

    private PlaybookReader() {
    }

    /**
     * @param source what problems name as the file, e.g. a path or {@code built-in:deadlock.yaml}
     * @throws ConfigException with every problem found, each as {@code source:line: path: problem}
     */
    public static Playbook read(String text, String source) throws ConfigException {
        ConfigNode root = ConfigNode.parse(text, source);
        ConfigProblems p = new ConfigProblems(source, name -> "${" + name + "}");
        if (!root.isMap()) {
            p.add(root, "a playbook must be a mapping with id, version, problem_class, title, symptoms, "
                    + "investigation, remediation and escalation");
            p.throwIfAny();
        }
        p.onlyKeys(root, TOP);
        String id = matching(p, root, "id", ID, "must look like pb_<problem_class> (lowercase letters, digits, '_')");
        String version = matching(p, root, "version", VERSION, "must be a version such as 1 or 1.2");
        String problemClass = matching(p, root, "problem_class", CLASS, "must be a lowercase snake_case category");
        String title = p.text(root, "title", true);
        List<String> symptoms = p.strings(root, "symptoms");
        nonEmpty(p, root, "symptoms", symptoms.size());
        List<Playbook.Step> steps = steps(p, root);
        List<Playbook.Remedy> remedies = remedies(p, root);
        Playbook.Escalation escalation = escalation(p, root);
        p.throwIfAny();
        return new Playbook(id, version, problemClass, title, symptoms, steps, remedies, escalation, source);
    }

    private static List<Playbook.Step> steps(ConfigProblems p, ConfigNode root) {
        List<Playbook.Step> steps = new ArrayList<>();
        for (ConfigNode n : list(p, root, "investigation")) {
            if (n.isMap()) {
                p.onlyKeys(n, STEP);
                steps.add(new Playbook.Step(matching(p, n, "tool", TOOL, "must be a tool name (snake_case)"),
                        arguments(p, n), p.text(n, "look_for", true)));
            } else {
                p.add(n, "must be a step with tool, arguments and look_for");
            }
        }
        return steps;
    }

    private static List<Playbook.Remedy> remedies(ConfigProblems p, ConfigNode root) {
        List<Playbook.Remedy> remedies = new ArrayList<>();
        for (ConfigNode n : list(p, root, "remediation")) {
            if (n.isMap()) {
                p.onlyKeys(n, REMEDY);
                String tool = n.fields().containsKey("tool") ? matching(p, n, "tool", TOOL, "must be a tool name (snake_case)") : null;
                remedies.add(new Playbook.Remedy(p.text(n, "action", true), tool, effect(p, n), approval(p, n)));
            } else {
                p.add(n, "must be a step with action, effect, approval_expected and optionally tool");
            }
        }
        return remedies;
    }

    private static String matching(ConfigProblems p, ConfigNode parent, String key, Pattern pattern, String rule) {
        String v = p.text(parent, key, true);
        if (v != null && !pattern.matcher(v).matches()) {
            p.add(parent.fields().get(key), rule + ", got '" + v + "'");
        }
        return v;
    }

    private static void nonEmpty(ConfigProblems p, ConfigNode parent, String key, int size) {
        if (size == 0 && parent.fields().get(key) != null && parent.fields().get(key).isList()) {
            p.add(parent.fields().get(key), "must not be empty");
        } else if (size == 0 && parent.fields().get(key) == null) {
            p.add(parent, "'" + key + "' is required");
        }
    }

    private static List<ConfigNode> list(ConfigProblems p, ConfigNode parent, String key) {
        ConfigNode n = parent.fields().get(key);
        if (n == null || (n.isScalar() && n.scalar() == null)) {
            p.add(parent, "'" + key + "' is required");
            return List.of();
        }
        if (!n.isList()) {
            p.add(n, "must be a list of steps");
            return List.of();
        }
        if (n.items().isEmpty()) {
            p.add(n, "must not be empty");
        }
        return n.items();
    }

    private static Map<String, String> arguments(ConfigProblems p, ConfigNode step) {
        ConfigNode n = step.fields().get("arguments");
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || (n.isScalar() && n.scalar() == null)) {
            return out;
        }
        if (!n.isMap()) {
            p.add(n, "must be a mapping of parameter name to value");
            return out;
        }
        for (var e : n.fields().entrySet()) {
            String v = p.text(n, e.getKey(), false);
            if (v == null && e.getValue().isScalar()) {
                p.add(e.getValue(), "needs a value (leave the argument out to use the tool's default)");
            } else if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static Effect effect(ConfigProblems p, ConfigNode remedy) {
        String v = p.text(remedy, "effect", true);
        if (v == null) {
            return Effect.READ;
        }
        try {
            return Effect.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p.add(remedy.fields().get("effect"), "must be READ, WRITE or DESTRUCTIVE, got '" + v + "'");
            return Effect.READ;
        }
    }

    private static boolean approval(ConfigProblems p, ConfigNode remedy) {
        if (!remedy.fields().containsKey("approval_expected")) {
            p.add(remedy, "'approval_expected' is required (true or false)");
            return true;
        }
        return p.bool(remedy, "approval_expected", true);
    }

    private static Playbook.Escalation escalation(ConfigProblems p, ConfigNode root) {
        ConfigNode n = root.fields().get("escalation");
        if (n == null || (n.isScalar() && n.scalar() == null)) {
            p.add(root, "'escalation' is required");
            return new Playbook.Escalation(List.of(), "");
        }
        if (!n.isMap()) {
            p.add(n, "must be a mapping with when and to");
            return new Playbook.Escalation(List.of(), "");
        }
        p.onlyKeys(n, ESCALATION);
        List<String> when = p.strings(n, "when");
        nonEmpty(p, n, "when", when.size());
        String to = p.text(n, "to", true);
        return new Playbook.Escalation(when, to == null ? "" : to);
    }
}
