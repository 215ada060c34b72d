package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.policy.Action;
import io.aihelpdesk.governance.policy.Explanation;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.PolicyRequest;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.governance.policy.Resource;
import io.aihelpdesk.governance.policy.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code helpdesk policy}: validate a policy file and explain decisions. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Validate policies and explain decisions.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Explain.class})
final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a policy file; every problem is listed with its line.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            PolicyFile f = PolicyFile.load(file);
            System.out.println(file + ": valid (version " + f.version() + ")");
            return 0;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Show how the policy decides one request: every policy and rule, matched or skipped, and why.",
            footer = {"", "Example: helpdesk policy explain --policy examples/policies.yaml --principal alice --role dba \\",
                    "           --resource prod-orders --tag production --action write"})
    static final class Explain implements Callable<Integer> {
        @Option(names = "--policy", required = true, paramLabel = "FILE")
        Path policy;
        @Option(names = "--principal", required = true, paramLabel = "ID")
        String principal;
        @Option(names = "--kind", paramLabel = "KIND", description = "user (default) or service.")
        String kind = "user";
        @Option(names = "--role", paramLabel = "ROLE", description = "A role of the principal; repeat for more.")
        List<String> roles = List.of();
        @Option(names = "--resource-type", paramLabel = "TYPE", description = "database (default) or kubernetes.")
        String resourceType = "database";
        @Option(names = "--resource", required = true, paramLabel = "NAME", description = "Database id, or cluster for kubernetes.")
        String resource;
        @Option(names = "--tag", paramLabel = "TAG", description = "A tag of the resource; repeat for more.")
        List<String> tags = List.of();
        @Option(names = "--namespace", paramLabel = "NS")
        String namespace;
        @Option(names = "--action", required = true, paramLabel = "ACTION", description = "read, write or destructive.")
        Action action;
        @Option(names = "--at", paramLabel = "INSTANT", description = "When (default: now), e.g. 2026-11-28T03:00:00Z.")
        Instant at;

        @Override
        public Integer call() throws Exception {
            PolicyEngine engine = new PolicyEngine(PolicyFile.load(policy), EnvDefaults.defaultVerdict(), false);
            Explanation e = engine.explain(new PolicyRequest(new Principal(principal, kind, roles),
                    new Resource(resourceType, resource, tags, namespace), action, at == null ? Instant.now() : at));
            System.out.println(e.render());
            return e.decision().verdict() == Verdict.ALLOW ? 0 : 3;
        }
    }
}
