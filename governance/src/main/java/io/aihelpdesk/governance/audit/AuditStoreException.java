package io.aihelpdesk.governance.audit;

/** The audit store could not do what was asked; the message says what, why and what to do. */
public final class AuditStoreException extends RuntimeException {
    public AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
