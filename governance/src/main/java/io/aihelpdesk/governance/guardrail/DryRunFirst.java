package io.aihelpdesk.governance.guardrail;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.CanonicalJson;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Gate;
import io.aihelpdesk.tools.Invocation;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DESTRUCTIVE call must follow a successful dry run of the same call: same tool, same principal,
 * the same arguments (hence the same target and the same objects) except {@code dry_run: true},
 * recorded as a successful outcome in the audit chain within the last N minutes. Arguments are
 * compared as the audit stores them (redacted, canonical JSON). Tools without a {@code dry_run}
 * parameter offer no preview and are not held to this guardrail.
 */
final class DryRunFirst {
    static final String PARAM = "dry_run";
    private final AuditStore audit;
    private final Redactor redactor;
    private final Clock clock;

    DryRunFirst(AuditStore audit, Redactor redactor, Clock clock) {
        this.audit = audit;
        this.redactor = redactor;
        this.clock = clock;
    }

    Optional<Refusal> check(Gate.Admission a, int minutes) {
        Boolean dryRun = dryRunOf(a.params());
        if (dryRun == null || dryRun) {
            return Optional.empty();
        }
        Invocation call = a.invocation();
        String wanted = withoutDryRun(redactor.map(call.arguments()));
        Instant since = clock.instant().minus(Duration.ofMinutes(minutes));
        AuditQuery q = AuditQuery.all().type("outcome").tool(call.tool()).principal(call.caller().id())
                .between(since, null).limit(AuditQuery.MAX_LIMIT);
        while (q != null) {
            List<AuditEvent> page = audit.query(q);
            for (AuditEvent e : page) {
                if (matches(e, wanted)) {
                    return Optional.empty();
                }
            }
            q = q.next(page);
        }
        return Optional.of(new Refusal("dry_run_first", call.tool() + " is DESTRUCTIVE and needs a successful dry run of the "
                + "same call (same arguments with dry_run: true) by " + call.caller().id() + " within the last " + minutes
                + " minutes; none was found since " + since,
                "run it with dry_run: true, review the preview, then repeat the call without dry_run within " + minutes + " minutes"));
    }

    private static boolean matches(AuditEvent e, String wanted) {
        if (e.outcome() == null || !"success".equals(e.outcome().status()) || e.tool() == null || e.tool().parameters() == null) {
            return false;
        }
        Map<String, Object> params = e.tool().parameters();
        return isTrue(params.get(PARAM)) && withoutDryRun(params).equals(wanted);
    }

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    private static String withoutDryRun(Map<String, Object> params) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.remove(PARAM);
        return CanonicalJson.encode(copy);
    }

    /** The bound {@code dry_run} argument (its default applied), or null when the tool has none. */
    static Boolean dryRunOf(Record params) {
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            if (c.getName().equals("dryRun") && (c.getType() == boolean.class || c.getType() == Boolean.class)) {
                try {
                    return Boolean.TRUE.equals(c.getAccessor().invoke(params));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read dry_run of " + params.getClass().getName(), e);
                }
            }
        }
        return null;
    }
}
