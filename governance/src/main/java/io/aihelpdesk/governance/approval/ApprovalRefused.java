package io.aihelpdesk.governance.approval;

/**
 * A decision on an approval was refused; {@code code} is stable: {@code unknown_approval},
 * {@code not_pending}, {@code self_approval}, {@code not_an_approver}, {@code already_voted},
 * {@code reason_required}, {@code not_allowed_to_break_glass}, {@code not_the_requester}, {@code conflict}.
 */
public final class ApprovalRefused extends RuntimeException {
    private final String code;

    public ApprovalRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
