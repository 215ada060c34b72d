package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code explain_policy_decision}: how the policy in force would decide a request, with every
 * policy and rule that matched or was skipped and why. Touches no target.
 */
public final class ExplainPolicyDecision {
    private ExplainPolicyDecision() {
    }

    public record Params(
            @Param(value = "User or service account id asking", required = true) String principal,
            @Param(value = "Kind of principal", defaultValue = "user", allowed = {"user", "service"}) String kind,
            @Param("Roles of the principal, comma-separated (e.g. dba,oncall)") String roles,
            @Param(value = "Resource type", defaultValue = "database", allowed = {"database", "kubernetes", "host", "agent"}) String resourceType,
            @Param(value = "Database inventory id, or Kubernetes cluster", required = true) String resource,
            @Param("Tags of the resource, comma-separated (e.g. production,critical)") String tags,
            @Param("Kubernetes namespace") String namespace,
            @Param(value = "Action class to check", required = true) Action action,
            @Param("When, as an ISO-8601 instant (default: now), e.g. 2026-11-28T03:00:00Z") String at) {
    }

    public record Step(String policy, @Describe("Rule index, -1 for the policy itself") int rule, boolean matched, String why) {
    }

    public record Reply(
            @Describe("allow, deny or require_approval") String verdict,
            @Describe("True when dry-run mode turned the verdict into allow") boolean dryRun,
            @Describe("SHA-256 of the policy file; null when none is configured") String policyVersion,
            List<String> reasons,
            List<Step> trace) {
    }

    /** @param policy the engine in force, or null when no policy file is configured */
    public static ToolDefinition<Params, Reply> definition(Supplier<PolicyEngine> policy) {
        return new ToolDefinition<>("explain_policy_decision",
                "Explain how the governance policy would decide a request (principal, resource, action, time): the "
                        + "verdict and every policy and rule that matched or was skipped, and why. Use it before proposing "
                        + "an action, or to tell a user why a call was denied.",
                Effect.READ, TargetKind.NONE, Params.class, Reply.class, (p, ctx) -> run(p, policy));
    }

    static Result<Reply> run(Params p, Supplier<PolicyEngine> policy) throws io.aihelpdesk.tools.ToolFailure {
        if (policy == null) {
            Reply r = new Reply("allow", false, null, List.of("no policy file is configured: nothing is enforced, every call is audited"), List.of());
            return Result.of(r, "decision: allow (no policy file configured)");
        }
        Instant at;
        try {
            at = p.at() == null || p.at().isBlank() ? Instant.now() : Instant.parse(p.at());
        } catch (DateTimeParseException e) {
            throw new io.aihelpdesk.tools.ToolFailure(new io.aihelpdesk.tools.Diagnosis("invalid_time",
                    "at '" + p.at() + "' is not an ISO-8601 instant", "write it like 2026-11-28T03:00:00Z", ""));
        }
        Explanation e = policy.get().explain(new PolicyRequest(new Principal(p.principal(), p.kind(), list(p.roles())),
                new Resource(p.resourceType(), p.resource(), list(p.tags()), blankToNull(p.namespace())), p.action(), at));
        Decision d = e.decision();
        Reply r = new Reply(d.verdict().label(), d.dryRun(), d.policyVersion(),
                d.reasons().stream().map(x -> x.policy() + (x.ruleIndex() >= 0 ? "[" + x.ruleIndex() + "]" : "") + ": " + x.message()).toList(),
                e.steps().stream().map(s -> new Step(s.policy(), s.ruleIndex(), s.matched(), s.why())).toList());
        return Result.of(r, "decision: " + r.verdict() + (r.reasons().isEmpty() ? "" : " — " + r.reasons().get(0)));
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
