package io.aihelpdesk.tools.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects validation problems while reading a {@link ConfigNode} tree, so a bad file is reported
 * in full at once instead of one error per attempt.
 */
public final class ConfigProblems {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private final String source;
    private final UnaryOperator<String> env;
    private final List<String> problems = new ArrayList<>();

    public ConfigProblems(String source, UnaryOperator<String> env) {
        this.source = source;
        this.env = env;
    }

    public void add(ConfigNode at, String problem) {
        problems.add(source + ":" + at.line() + ": " + (at.path().isEmpty() ? "" : at.path() + ": ") + problem);
    }

    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    /** Rejects keys the schema does not know: a typo must not silently disable a setting. */
    public void onlyKeys(ConfigNode map, Set<String> allowed) {
        for (var e : map.fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                add(e.getValue(), "unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    public boolean expectMap(ConfigNode node) {
        if (!node.isMap() && node.scalar() != null) {
            add(node, "must be a mapping");
            return false;
        }
        return node.isMap();
    }

    /** A string field with {@code ${ENV}} references expanded; null when absent. */
    public String text(ConfigNode parent, String key, boolean required) {
        ConfigNode n = parent.fields().get(key);
        if (n == null || (n.isScalar() && n.scalar() == null)) {
            if (required) {
                add(parent, "'" + key + "' is required");
            }
            return null;
        }
        if (!n.isScalar()) {
            add(n, "must be a string");
            return null;
        }
        return expand(n, n.scalar());
    }

    public boolean bool(ConfigNode parent, String key, boolean dflt) {
        String v = text(parent, key, false);
        if (v == null) {
            return dflt;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        add(parent.fields().get(key), "must be true or false, got '" + v + "'");
        return dflt;
    }

    public List<String> strings(ConfigNode parent, String key) {
        ConfigNode n = parent.fields().get(key);
        if (n == null || (n.isScalar() && n.scalar() == null)) {
            return List.of();
        }
        if (!n.isList()) {
            add(n, "must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : n.items()) {
            if (!item.isScalar() || item.scalar() == null) {
                add(item, "must be a string");
            } else {
                out.add(expand(item, item.scalar()));
            }
        }
        return out;
    }

    private String expand(ConfigNode at, String value) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                add(at, "environment variable " + m.group(1) + " is not set");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
