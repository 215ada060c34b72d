package io.aihelpdesk.governance.audit;

/**
 * A keyed seal over the chain tail: {@code hmac} is hex HMAC-SHA256, under a key only the server
 * holds, of {@code "<seq>:<lastHash>"}. Anyone can recompute SHA-256 links, so deleting the newest
 * events (or rewriting them) leaves a chain that verifies; a checkpoint the attacker cannot re-sign
 * exposes that.
 */
public record Checkpoint(long seq, String lastHash, String hmac) {
}
