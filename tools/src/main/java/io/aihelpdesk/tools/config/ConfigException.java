package io.aihelpdesk.tools.config;

import java.util.List;

/** A configuration file that cannot be used, with every problem found in it (each with file and line). */
public final class ConfigException extends Exception {
    private final transient List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + source + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
