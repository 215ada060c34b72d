package io.aihelpdesk.governance.audit;

/** What {@link AuditStore#append} acknowledges: the event's place and links in the chain. */
public record Appended(long seq, String eventId, String prevHash, String eventHash) {
}
