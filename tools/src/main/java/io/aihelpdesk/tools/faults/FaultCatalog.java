package io.aihelpdesk.tools.faults;

import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault catalog: the diagnosis taxonomy (category names the triage engine reports) and the
 * fault scenarios, read from YAML in the original's schema. Every problem of a bad file is
 * reported at once with its line.
 */
public final class FaultCatalog {
    public static final String RESOURCE = "/io/aihelpdesk/tools/faults/catalog.yaml";
    static final Set<String> TYPES = Set.of("sql", "connections", "process", "config", "replication", "kubernetes", "compound");
    private static final Set<String> FAULT_KEYS = Set.of("id", "name", "category", "severity", "description", "inject",
            "teardown", "prompt", "evaluation", "timeout");
    private static final Set<String> CATEGORIES = Set.of("database", "kubernetes", "compound");
    private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private final Map<String, List<String>> taxonomy;
    private final List<Fault> faults;

    private FaultCatalog(Map<String, List<String>> taxonomy, List<Fault> faults) {
        this.taxonomy = taxonomy;
        this.faults = faults;
    }

    /** The catalog shipped with the product. */
    public static FaultCatalog builtin() {
        try (InputStream in = FaultCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("fault catalog resource " + RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "catalog.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static FaultCatalog parse(String text, String source) throws ConfigException {
        ConfigNode root = ConfigNode.parse(text, source);
        ConfigProblems p = new ConfigProblems(source, System::getenv);
        p.onlyKeys(root, Set.of("version", "taxonomy", "failures"));
        if (!"1".equals(p.text(root, "version", true)) && root.get("version").isPresent()) {
            p.add(root.get("version").get(), "unsupported version (supported: \"1\")");
        }
        Map<String, List<String>> taxonomy = new LinkedHashMap<>();
        root.get("taxonomy").ifPresent(t -> {
            p.onlyKeys(t, CATEGORIES);
            CATEGORIES.forEach(c -> taxonomy.put(c, p.strings(t, c)));
        });
        Set<String> known = new HashSet<>();
        taxonomy.values().forEach(known::addAll);
        List<Fault> faults = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode f : root.get("failures").map(ConfigNode::items).orElse(List.of())) {
            Fault fault = fault(f, p, known);
            if (fault != null && !ids.add(fault.id())) {
                p.add(f, "duplicate id '" + fault.id() + "'");
            }
            faults.add(fault);
        }
        p.throwIfAny();
        return new FaultCatalog(Map.copyOf(taxonomy), List.copyOf(faults));
    }

    private static Fault fault(ConfigNode f, ConfigProblems p, Set<String> known) {
        p.onlyKeys(f, FAULT_KEYS);
        String id = p.text(f, "id", true);
        String category = oneOf(p, f, "category", CATEGORIES);
        String severity = oneOf(p, f, "severity", SEVERITIES);
        ConfigNode ev = f.get("evaluation").orElse(null);
        Evaluation evaluation = null;
        if (ev == null) {
            p.add(f, "'evaluation' is required");
        } else {
            p.onlyKeys(ev, Set.of("expected_tools", "expected_keywords", "expected_diagnosis"));
            List<String> keywords = ev.get("expected_keywords").map(k -> p.strings(k, "any_of")).orElse(List.of());
            String expected = ev.get("expected_diagnosis").map(d -> p.text(d, "category", true)).orElse(null);
            if (expected == null) {
                p.add(ev, "'expected_diagnosis.category' is required");
            } else if (!known.contains(expected)) {
                p.add(ev.get("expected_diagnosis").get(), "category '" + expected + "' is not in the taxonomy");
            }
            if (keywords.isEmpty()) {
                p.add(ev, "'expected_keywords.any_of' needs at least one keyword");
            }
            evaluation = new Evaluation(p.strings(ev, "expected_tools"), keywords, expected);
        }
        Step inject = f.get("inject").map(s -> step(s, p)).orElse(null);
        Step teardown = f.get("teardown").map(s -> step(s, p)).orElse(null);
        if (inject == null) {
            p.add(f, "'inject' is required");
        }
        if (teardown == null) {
            p.add(f, "'teardown' is required");
        }
        String timeout = p.text(f, "timeout", false);
        Duration t = Duration.ofSeconds(60);
        if (timeout != null) {
            if (DURATION.matcher(timeout).matches()) {
                t = duration(timeout);
            } else {
                p.add(f.get("timeout").get(), "must be a duration like 30s, 500ms or 2m, got '" + timeout + "'");
            }
        }
        return new Fault(id, p.text(f, "name", true), category, severity, p.text(f, "description", true), inject, teardown,
                p.text(f, "prompt", true), evaluation, t);
    }

    private static String oneOf(ConfigProblems p, ConfigNode f, String key, Set<String> allowed) {
        String v = p.text(f, key, true);
        if (v != null && !allowed.contains(v)) {
            p.add(f.get(key).get(), "must be one of " + allowed.stream().sorted().toList() + ", got '" + v + "'");
        }
        return v;
    }

    private static Step step(ConfigNode s, ConfigProblems p) {
        String type = p.text(s, "type", true);
        if (type != null && !TYPES.contains(type)) {
            p.add(s.get("type").get(), "unknown injector type (known: " + TYPES.stream().sorted().toList() + ")");
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (var e : s.fields().entrySet()) {
            switch (e.getKey()) {
                case "type", "sessions" -> { }
                case "steps" -> e.getValue().items().forEach(item -> steps.add(step(item, p)));
                case "settle" -> {
                    String v = p.text(s, "settle", false);
                    if (v != null && !DURATION.matcher(v).matches()) {
                        p.add(e.getValue(), "must be a duration like 30s, 500ms or 2m, got '" + v + "'");
                    } else if (v != null) {
                        options.put("settle", v);
                    }
                }
                default -> {
                    if (e.getValue().isScalar()) {
                        options.put(e.getKey(), Optional.ofNullable(p.text(s, e.getKey(), false)).orElse(""));
                    } else {
                        p.add(e.getValue(), "must be a string");
                    }
                }
            }
        }
        return new Step(type, options, p.strings(s, "sessions"), steps);
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public List<Fault> faults() {
        return faults;
    }

    /** The category names per fault category ({@code database}, {@code kubernetes}, {@code compound}). */
    public Map<String, List<String>> taxonomy() {
        return taxonomy;
    }

    public Optional<Fault> find(String id) {
        return faults.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Faults selected by ids and/or categories; empty selectors select everything. Unknown ids are an error. */
    public List<Fault> select(List<String> ids, List<String> categories) {
        List<String> unknown = ids.stream().filter(i -> find(i).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fault id(s) " + unknown + "; `helpdesk fault list` shows the catalog");
        }
        return faults.stream().filter(f -> ids.isEmpty() || ids.contains(f.id()))
                .filter(f -> categories.isEmpty() || categories.contains(f.category())).toList();
    }
}
