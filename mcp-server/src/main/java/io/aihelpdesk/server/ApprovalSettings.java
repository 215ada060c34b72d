package io.aihelpdesk.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How approvals are kept and announced.
 *
 * @param store         SQLite file of the approvals; null: {@code approvals.db} next to the audit database
 *                      (with a PostgreSQL audit chain, approvals live in the same PostgreSQL database)
 * @param webhook       where requests, resolutions and emergencies are POSTed, or null
 * @param webhookFormat {@code auto} (Slack body for hooks.slack.com), {@code slack} or {@code json}
 * @param publicUrl     this server's URL as approvers reach it (for the commands in notifications), or null
 * @param expiryEvery   how often pending requests past their deadline are expired
 */
public record ApprovalSettings(Path store, URI webhook, String webhookFormat, String publicUrl, Duration expiryEvery) {
    public static final ApprovalSettings DEFAULTS = new ApprovalSettings(null, null, "auto", null, Duration.ofMinutes(1));
}
