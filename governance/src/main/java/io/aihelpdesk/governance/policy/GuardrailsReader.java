package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code guardrails} section of a policy file, recording every problem with file and line
 * in the same {@link ConfigProblems} as the policies, so one load reports everything at once.
 * Protected resources reuse the policies' resource syntax; freezes reuse the rules' schedule syntax.
 */
final class GuardrailsReader {
    private static final Set<String> TOP = Set.of("blast_radius", "rate_limits", "circuit_breaker", "bulkhead",
            "protected_resources", "dry_run_first", "change_freezes");
    /** Config key → the unit a tool names in {@code ToolContext.limitBlastRadius}. */
    private static final Map<String, String> BLAST_KEYS = Map.of("max_rows_affected", "rows",
            "max_sessions_terminated", "sessions", "max_pods_affected", "pods");
    private static final Set<String> RATE_LIMITS = Set.of("per_principal", "per_action_class");
    private static final Set<String> RATE = Set.of("calls", "per_seconds");
    private static final Set<String> BREAKER = Set.of("consecutive_failures", "open_seconds");
    private static final Set<String> BULKHEAD = Set.of("max_concurrent_calls");
    private static final Set<String> PROTECTION = Set.of("resource", "allow");
    private static final Set<String> DRY_RUN = Set.of("within_minutes");
    private static final Set<String> FREEZE = Set.of("name", "message", "schedule", "from", "until", "allow");
    private final ConfigProblems p;
    private final PolicyReader policies;

    GuardrailsReader(ConfigProblems p, PolicyReader policies) {
        this.p = p;
        this.policies = policies;
    }

    GuardrailSettings read(ConfigNode n) {
        if (Fields.absent(n)) {
            return GuardrailSettings.NONE;
        }
        if (!n.isMap()) {
            p.add(n, "must be a mapping");
            return GuardrailSettings.NONE;
        }
        p.onlyKeys(n, TOP);
        ConfigNode rates = section(n, "rate_limits", RATE_LIMITS);
        ConfigNode breaker = section(n, "circuit_breaker", BREAKER);
        ConfigNode bulkhead = section(n, "bulkhead", BULKHEAD);
        ConfigNode dryRun = section(n, "dry_run_first", DRY_RUN);
        return new GuardrailSettings(blastRadius(section(n, "blast_radius", BLAST_KEYS.keySet())),
                rates == null ? null : rate(rates.fields().get("per_principal")),
                rates == null ? Map.of() : perActionClass(rates.fields().get("per_action_class")),
                breaker == null ? null : new GuardrailSettings.Breaker(Fields.integer(p, breaker, "consecutive_failures", 1, 5),
                        Fields.integer(p, breaker, "open_seconds", 1, 60)),
                bulkhead == null ? null : Fields.integer(p, bulkhead, "max_concurrent_calls", 1, null),
                Fields.mappings(p, n, "protected_resources", false, (item, i) -> protection(item)),
                dryRun == null ? null : Fields.integer(p, dryRun, "within_minutes", 1, 15),
                Fields.mappings(p, n, "change_freezes", false, (item, i) -> freeze(item, i)));
    }

    /** The mapping under {@code key}, checked for unknown keys; null when absent or not a mapping. */
    private ConfigNode section(ConfigNode parent, String key, Set<String> allowed) {
        ConfigNode n = parent.fields().get(key);
        if (Fields.absent(n)) {
            return null;
        }
        if (!n.isMap()) {
            p.add(n, "must be a mapping");
            return null;
        }
        p.onlyKeys(n, allowed);
        return n;
    }

    private Map<String, Long> blastRadius(ConfigNode n) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (n != null) {
            BLAST_KEYS.forEach((key, unit) -> {
                Integer max = Fields.integer(p, n, key, 0, null);
                if (max != null) {
                    out.put(unit, max.longValue());
                }
            });
        }
        return out;
    }

    private GuardrailSettings.RateLimit rate(ConfigNode n) {
        if (Fields.absent(n)) {
            return null;
        }
        if (!n.isMap()) {
            p.add(n, "must be a mapping like {calls: 10, per_seconds: 60}");
            return null;
        }
        p.onlyKeys(n, RATE);
        Integer calls = Fields.integer(p, n, "calls", 1, null);
        if (calls == null && n.fields().get("calls") == null) {
            p.add(n, "'calls' is required");
        }
        Integer seconds = Fields.integer(p, n, "per_seconds", 1, 60);
        return calls == null ? null : new GuardrailSettings.RateLimit(calls, seconds);
    }

    private Map<Action, GuardrailSettings.RateLimit> perActionClass(ConfigNode n) {
        Map<Action, GuardrailSettings.RateLimit> out = new EnumMap<>(Action.class);
        if (Fields.absent(n)) {
            return out;
        }
        if (!n.isMap()) {
            p.add(n, "must map read, write or destructive to {calls, per_seconds}");
            return out;
        }
        n.fields().forEach((name, value) -> {
            Action a = action(name);
            if (a == null) {
                p.add(value, "must be read, write or destructive; got '" + name + "'");
                return;
            }
            GuardrailSettings.RateLimit r = rate(value);
            if (r != null) {
                out.put(a, r);
            }
        });
        return out;
    }

    private GuardrailSettings.Protection protection(ConfigNode n) {
        p.onlyKeys(n, PROTECTION);
        ConfigNode resource = n.fields().get("resource");
        if (Fields.absent(resource) || !resource.isMap()) {
            p.add(Fields.absent(resource) ? n : resource, "'resource' is required: {type, match: {name, name_pattern, tags, namespace}}");
            return null;
        }
        ResourceEntry match = policies.resource(resource);
        Set<Action> allow = allow(n);
        return match == null ? null : new GuardrailSettings.Protection(match, allow, n.line());
    }

    private GuardrailSettings.Freeze freeze(ConfigNode n, int index) {
        p.onlyKeys(n, FREEZE);
        String name = p.text(n, "name", false);
        ConfigNode s = n.fields().get("schedule");
        Schedule schedule = Fields.absent(s) ? null : new ConditionsReader(p).schedule(s);
        Instant from = instant(n, "from");
        Instant until = instant(n, "until");
        if (from != null && until != null && !from.isBefore(until)) {
            p.add(n.fields().get("until"), "must be after 'from' (" + from + ")");
        }
        if (Fields.absent(s) && from == null && until == null) {
            p.add(n, "a freeze needs a 'schedule', a 'from'/'until' window, or both; without them it would freeze forever");
        }
        return new GuardrailSettings.Freeze(name == null ? "freeze #" + index : name, p.text(n, "message", false), schedule,
                from, until, allow(n));
    }

    /** {@code allow}: the action classes still permitted; default read only. */
    private Set<Action> allow(ConfigNode n) {
        return Fields.absent(n.fields().get("allow")) ? EnumSet.of(Action.READ) : policies.actions(n, "allow");
    }

    /** An instant ({@code 2026-12-20T00:00:00Z}) or a date ({@code 2026-12-20}, midnight UTC). */
    private Instant instant(ConfigNode n, String key) {
        String text = p.text(n, key, false);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            p.add(n.fields().get(key), "must be a date (2026-12-20) or an instant (2026-12-20T18:00:00Z); got '" + text + "'");
            return null;
        }
    }

    private static Action action(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "read" -> Action.READ;
            case "write" -> Action.WRITE;
            case "destructive" -> Action.DESTRUCTIVE;
            default -> null;
        };
    }
}
