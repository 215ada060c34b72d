package io.aihelpdesk.tools.faults;

/**
 * One fault's run: what was injected, what the agent answered, its score, how long it took, and
 * any error (injection, agent or teardown) as text. {@code score} is null when no answer was scored.
 */
public record FaultResult(Fault fault, Score score, String responseText, long durationMs, String error) {
    public boolean passed() {
        return score != null && score.passed() && error == null;
    }

    public boolean strictPass() {
        return score != null && score.strictPass() && error == null;
    }
}
