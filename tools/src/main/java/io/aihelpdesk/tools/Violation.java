package io.aihelpdesk.tools;

/** One problem with the arguments of a call: which parameter and what is wrong with it. */
public record Violation(String parameter, String problem) {
    @Override
    public String toString() {
        return parameter.isEmpty() ? problem : parameter + ": " + problem;
    }
}
