package io.aihelpdesk.governance.policy;

import java.util.Locale;

/** What a policy decision lets the caller do. */
public enum Verdict {
    ALLOW, DENY, REQUIRE_APPROVAL;

    /** The spelling used in policy files and messages: {@code allow}, {@code deny}, {@code require_approval}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
