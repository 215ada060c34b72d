package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and validates the {@code policies} of a policy file, recording every problem found. */
final class PolicyReader {
    private static final Set<String> TOP = Set.of("version", "policies", "guardrails");
    private static final Set<String> POLICY = Set.of("name", "description", "enabled", "priority", "principals",
            "resources", "rules");
    private static final Set<String> PRINCIPAL = Set.of("user", "role", "service", "any");
    private static final Set<String> RESOURCE = Set.of("type", "match");
    private static final Set<String> MATCH = Set.of("name", "name_pattern", "tags", "namespace");
    private static final Set<String> RULE = Set.of("action", "effect", "message", "conditions");
    private final ConfigProblems p;
    private final Map<String, Integer> firstLineOfName = new HashMap<>();

    PolicyReader(ConfigProblems p) {
        this.p = p;
    }

    List<Policy> read(ConfigNode root) {
        if (!root.isMap()) {
            p.add(root, "a policy file must be a mapping with 'version' and 'policies'");
            return List.of();
        }
        p.onlyKeys(root, TOP);
        String version = p.text(root, "version", true);
        if (version != null && !version.equals("1")) {
            p.add(root.fields().get("version"), "unsupported version '" + version + "'; this server reads version \"1\"");
        }
        if (Fields.absent(root.fields().get("policies"))) {
            p.add(root, "'policies' is required");
            return List.of();
        }
        return Fields.mappings(p, root, "policies", false, this::policy);
    }

    private Policy policy(ConfigNode n, int order) {
        p.onlyKeys(n, POLICY);
        String name = p.text(n, "name", true);
        if (name != null) {
            Integer first = firstLineOfName.putIfAbsent(name, n.fields().get("name").line());
            if (first != null) {
                p.add(n.fields().get("name"), "duplicate policy name '" + name + "' (first defined at line " + first
                        + "); policy names must be unique");
            }
        }
        return new Policy(name == null ? "#" + order : name, p.text(n, "description", false),
                p.bool(n, "enabled", true), Fields.integer(p, n, "priority", Integer.MIN_VALUE, 0), order,
                Fields.mappings(p, n, "principals", false, (item, i) -> principal(item)),
                Fields.mappings(p, n, "resources", true, (item, i) -> resource(item)),
                Fields.mappings(p, n, "rules", true, this::rule));
    }

    PrincipalEntry principal(ConfigNode n) {
        p.onlyKeys(n, PRINCIPAL);
        List<String> kinds = n.fields().keySet().stream().filter(PRINCIPAL::contains).toList();
        if (kinds.isEmpty() && !n.fields().isEmpty()) {
            return null; // only unknown keys, already reported
        }
        if (kinds.size() != 1) {
            p.add(n, "must have exactly one of any, role, service, user; has " + kinds);
            return null;
        }
        String kind = kinds.get(0);
        if (kind.equals("any")) {
            if (!p.bool(n, "any", false)) {
                p.add(n.fields().get("any"), "must be true; to match nobody, remove the policy or disable it");
            }
            return PrincipalEntry.ANY;
        }
        String value = p.text(n, kind, true);
        return value == null ? null : new PrincipalEntry(kind, value);
    }

    ResourceEntry resource(ConfigNode n) {
        p.onlyKeys(n, RESOURCE);
        String type = p.text(n, "type", true);
        if (type != null && !type.equals("database") && !type.equals("kubernetes") && !type.equals("host") && !type.equals("agent")) {
            p.add(n.fields().get("type"), "must be database, kubernetes, host or agent; got '" + type + "'");
        }
        ConfigNode match = n.fields().get("match");
        if (Fields.absent(match)) {
            return new ResourceEntry(String.valueOf(type), null, null, List.of(), null);
        }
        if (!match.isMap()) {
            p.add(match, "must be a mapping");
            return null;
        }
        p.onlyKeys(match, MATCH);
        String pattern = p.text(match, "name_pattern", false);
        String problem = pattern == null ? null : Glob.problem(pattern);
        if (problem != null) {
            p.add(match.fields().get("name_pattern"), problem);
        }
        String namespace = p.text(match, "namespace", false);
        if (namespace != null && "database".equals(type)) {
            p.add(match.fields().get("namespace"), "applies to type kubernetes only; a database has no namespace");
        }
        return new ResourceEntry(String.valueOf(type), p.text(match, "name", false),
                pattern == null || problem != null ? null : Glob.of(pattern), p.strings(match, "tags"), namespace);
    }

    private Rule rule(ConfigNode n, int index) {
        p.onlyKeys(n, RULE);
        Set<Action> actions = actions(n, "action");
        String effectText = p.text(n, "effect", true);
        Verdict effect = Verdict.DENY;
        if (effectText != null) {
            effect = switch (effectText) {
                case "allow" -> Verdict.ALLOW;
                case "deny" -> Verdict.DENY;
                case "require_approval" -> Verdict.REQUIRE_APPROVAL;
                default -> {
                    p.add(n.fields().get("effect"), "must be one of allow, deny, require_approval; got '" + effectText + "'");
                    yield Verdict.DENY;
                }
            };
        }
        return new Rule(index, actions, effect, p.text(n, "message", false),
                new ConditionsReader(p).read(n.fields().get("conditions")));
    }

    /** The actions listed under {@code key} (one, or a list) of {@code rule}; each bad item is reported. */
    Set<Action> actions(ConfigNode rule, String key) {
        ConfigNode n = rule.fields().get(key);
        Set<Action> out = EnumSet.noneOf(Action.class);
        if (Fields.absent(n)) {
            p.add(rule, "'" + key + "' is required");
            return out;
        }
        if (n.isMap()) {
            p.add(n, "must be read, write, destructive or a list of them");
            return out;
        }
        List<ConfigNode> items = n.isList() ? n.items() : List.of(n);
        List<String> texts = n.isList() ? p.strings(rule, key) : java.util.Collections.singletonList(p.text(rule, key, true));
        for (int i = 0; i < texts.size() && i < items.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                continue;
            }
            if (t.equals("read") || t.equals("write") || t.equals("destructive")) {
                out.add(Action.valueOf(t.toUpperCase(Locale.ROOT)));
            } else {
                p.add(items.get(i), "must be one of read, write, destructive; got '" + t + "'");
            }
        }
        return out;
    }
}
