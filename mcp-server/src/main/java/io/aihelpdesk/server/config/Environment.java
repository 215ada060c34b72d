package io.aihelpdesk.server.config;

import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Where settings come from, below the command-line flags: an environment variable wins over the
 * same key in {@code helpdesk.yaml}, which wins over the default. Every door and command reads its
 * {@code HELPDESK_*} settings through {@link #current()}, so the file applies everywhere the
 * variable would.
 */
public final class Environment implements UnaryOperator<String> {
    /** Where a value came from. */
    public enum Source { ENV, FILE, DEFAULT }

    private static volatile Environment current = new Environment(System::getenv, null, Map.of());

    private final UnaryOperator<String> variables;
    private final Path file;
    private final Map<String, String> fileValues;

    Environment(UnaryOperator<String> variables, Path file, Map<String, String> fileValues) {
        this.variables = variables;
        this.file = file;
        this.fileValues = fileValues;
    }

    /** The process's settings: the environment, over the config file loaded at start-up (if any). */
    public static Environment current() {
        return current;
    }

    /** Loads {@code file} (null: no file) under the process environment and makes it {@link #current()}. */
    public static Environment install(Path file) throws ConfigException {
        Environment e = load(System::getenv, file);
        current = e;
        return e;
    }

    /**
     * The config file to use: {@code --config}, else {@code HELPDESK_CONFIG}, else
     * {@code $XDG_CONFIG_HOME/aihelpdesk/helpdesk.yaml} (default {@code ~/.config/…}) when it exists.
     */
    public static Path locate(Path flag, UnaryOperator<String> variables) {
        if (flag != null) {
            return flag;
        }
        String named = variables.apply("HELPDESK_CONFIG");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String xdg = variables.apply("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home", "/"), ".config");
        Path implicit = base.resolve("aihelpdesk").resolve("helpdesk.yaml");
        return Files.isRegularFile(implicit) ? implicit : null;
    }

    /** Reads {@code file}: a flat mapping of setting keys to scalars; {@code ${VAR}} is expanded from the environment. */
    public static Environment load(UnaryOperator<String> variables, Path file) throws ConfigException {
        if (file == null) {
            return new Environment(variables, null, Map.of());
        }
        String source = file.toString();
        ConfigNode root = ConfigNode.parse(ConfigNode.read(file, "config file"), source);
        ConfigProblems problems = new ConfigProblems(source, variables);
        Map<String, String> values = new LinkedHashMap<>();
        if (problems.expectMap(root)) {
            TreeSet<String> allowed = new TreeSet<>();
            Settings.ALL.stream().filter(Setting::fileAllowed).forEach(s -> allowed.add(s.key()));
            problems.onlyKeys(root, allowed);
            for (String key : root.fields().keySet()) {
                if (!allowed.contains(key)) {
                    continue;
                }
                ConfigNode node = root.fields().get(key);
                if (!node.isScalar()) {
                    problems.add(node, "must be a single value (text, number or true/false)");
                    continue;
                }
                String v = problems.text(root, key, false);
                if (v != null) {
                    values.put(Settings.byKey(key).orElseThrow().env(), v);
                }
            }
        }
        problems.throwIfAny();
        return new Environment(variables, file, Collections.unmodifiableMap(values));
    }

    /** The value of {@code variable}: the environment's when set and not blank, else the file's, else null. */
    @Override
    public String apply(String variable) {
        String v = variables.apply(variable);
        if (v != null && !v.isBlank()) {
            return v;
        }
        return fileValues.get(variable);
    }

    public Source source(String variable) {
        String v = variables.apply(variable);
        if (v != null && !v.isBlank()) {
            return Source.ENV;
        }
        return fileValues.containsKey(variable) ? Source.FILE : Source.DEFAULT;
    }

    /** The config file in use, or null. */
    public Path file() {
        return file;
    }
}
