package io.aihelpdesk.governance.auditor;

import java.io.PrintStream;

/** One line per alert: {@code CRITICAL destructive_without_approval evt_… trace tr_…: message}. */
public final class StderrSink implements AlertSink {
    private final PrintStream out;

    public StderrSink() {
        this(System.err);
    }

    public StderrSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void send(Alert alert) {
        out.println(line(alert));
    }

    static String line(Alert a) {
        return a.level() + " " + a.rule() + " " + a.eventId() + " trace " + a.traceId() + ": " + a.message();
    }
}
