package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code repeated_query}: a principal's latest call (same tool and parameters) equals at least the
 * threshold number of its previous calls in the window — an agent stuck in a loop.
 */
final class RepeatRule implements Rule {
    private static final int PRINCIPALS = 10_000;
    private final AuditorSettings settings;
    private final Map<String, Deque<Call>> history = new BoundedMap<>(PRINCIPALS);

    private record Call(String tool, Map<String, Object> parameters) {
    }

    RepeatRule(AuditorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void check(AuditEvent e, List<Alert> out) {
        if (!"tool_execution".equals(e.eventType()) || e.tool() == null || e.tool().name() == null
                || settings.repeatWindow() <= 0) {
            return;
        }
        String who = ApprovalRule.principal(e);
        Call call = new Call(e.tool().name(), e.tool().parameters() == null ? Map.of() : e.tool().parameters());
        Deque<Call> previous = history.computeIfAbsent(who, p -> new ArrayDeque<>());
        long same = previous.stream().filter(c -> Objects.equals(c, call)).count();
        if (settings.repeatThreshold() > 0 && same >= settings.repeatThreshold()) {
            out.add(Rule.alert(e, Alert.Level.CRITICAL, "repeated_query", who + " called " + call.tool()
                    + " with the same parameters " + same + " times in its last " + previous.size()
                    + " calls — the agent may be looping", Map.of("tool", call.tool(), "principal", who,
                            "repeats", same)));
        }
        previous.addLast(call);
        while (previous.size() > settings.repeatWindow()) {
            previous.pollFirst();
        }
    }
}
