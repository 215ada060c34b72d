package io.aihelpdesk.governance.compliance;

/** The verification of the whole audit chain at report time (the chain is verified end to end, not per period). */
public record ChainCheck(boolean valid, long totalEvents, String lastEventId, String brokenAt, String error) {
}
