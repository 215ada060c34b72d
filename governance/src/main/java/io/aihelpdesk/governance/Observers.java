package io.aihelpdesk.governance;

import io.aihelpdesk.governance.audit.Appended;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.tools.Invocation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The observers attached to one pipeline, told in the order they were attached. With none attached
 * (the default) every notification is one empty-list check.
 */
final class Observers implements PipelineObserver {
    private final List<PipelineObserver> all = new CopyOnWriteArrayList<>();

    /** Attaches {@code o} until the returned handle is closed. */
    AutoCloseable add(PipelineObserver o) {
        all.add(o);
        return () -> all.remove(o);
    }

    @Override
    public Call started(Invocation call) {
        if (all.isEmpty()) {
            return Call.NONE;
        }
        List<Call> calls = all.stream().map(o -> o.started(call)).toList();
        return ended -> {
            for (int i = calls.size() - 1; i >= 0; i--) { // the reverse of start: scopes nest
                calls.get(i).ended(ended);
            }
        };
    }

    @Override
    public void decided(String effect, Verdict verdict) {
        all.forEach(o -> o.decided(effect, verdict));
    }

    @Override
    public void audited(long nanos, Appended appended) {
        all.forEach(o -> o.audited(nanos, appended));
    }
}
