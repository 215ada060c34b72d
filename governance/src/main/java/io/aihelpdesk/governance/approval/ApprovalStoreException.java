package io.aihelpdesk.governance.approval;

/** The approval store could not do what was asked; the message says what, why and what to do. */
public final class ApprovalStoreException extends RuntimeException {
    public ApprovalStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
