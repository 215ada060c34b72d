package io.aihelpdesk.governance.approval;

/**
 * Tells people about approvals: a new request, a resolution, an emergency. Implementations never
 * throw and never block a call for long; a delivery failure is logged.
 */
public interface ApprovalNotifier {
    /** Notifies nobody (emergencies are still logged by {@link Approvals}). */
    ApprovalNotifier NONE = new ApprovalNotifier() {
    };

    default void requested(Approval a) {
    }

    default void resolved(Approval a) {
    }

    /** Break glass: must reach a human; called synchronously. */
    default void emergency(Approval a) {
    }
}
