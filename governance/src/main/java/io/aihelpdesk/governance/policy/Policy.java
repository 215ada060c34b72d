package io.aihelpdesk.governance.policy;

import java.util.List;

/** One policy as read from the file; {@code order} is its position in the file, for stable tie-breaking. */
record Policy(String name, String description, boolean enabled, int priority, int order,
              List<PrincipalEntry> principals, List<ResourceEntry> resources, List<Rule> rules) {

    /** Null when the policy applies to the request, else why not. Empty principals means everyone. */
    String mismatch(PolicyRequest r) {
        if (!enabled) {
            return "disabled";
        }
        if (!principals.isEmpty() && principals.stream().noneMatch(p -> p.matches(r.principal()))) {
            return "principal " + PrincipalEntry.describe(r.principal()) + " not in " + principals;
        }
        List<String> misses = resources.stream().map(e -> e.mismatch(r.resource())).toList();
        if (misses.contains(null)) {
            return null;
        }
        return misses.size() == 1 ? misses.get(0) : "no resource entry matches: " + String.join("; ", misses);
    }
}
