package io.aihelpdesk.governance.auditor;

/** Where alerts go. Implementations must not throw: a failing sink is logged and the auditor goes on. */
public interface AlertSink {

    void send(Alert alert);
}
