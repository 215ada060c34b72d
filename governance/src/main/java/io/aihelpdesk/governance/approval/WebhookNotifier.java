package io.aihelpdesk.governance.approval;

import io.aihelpdesk.governance.audit.CanonicalJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval notifications over HTTP. The webhook (when configured) gets every request, resolution and
 * emergency: a Slack incoming-webhook body ({@code text} + one mrkdwn section) when the URL's host
 * is {@code hooks.slack.com} or {@code slack} format is forced, else
 * {@code {event, text, approval, approve_with, api}}. The request's own {@code callback_url} gets
 * its resolution as the original sent it: {@code {approval_id, status, resolved_by, resolved_at,
 * resolution_reason, valid_until}}. Requests and resolutions are sent in the background; emergencies
 * synchronously. Failures are logged, never thrown.
 */
public final class WebhookNotifier implements ApprovalNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final URI webhook;
    private final boolean slack;
    private final String serverUrl;

    /**
     * @param webhook   where every notification goes, or null (callbacks only)
     * @param format    {@code auto} (Slack when the host is hooks.slack.com), {@code slack} or {@code json}
     * @param serverUrl this server's base URL as approvers reach it, for the commands in the message; may be null
     */
    public WebhookNotifier(URI webhook, String format, String serverUrl) {
        this.webhook = webhook;
        this.slack = "slack".equalsIgnoreCase(format)
                || (!"json".equalsIgnoreCase(format) && webhook != null && "hooks.slack.com".equalsIgnoreCase(webhook.getHost()));
        this.serverUrl = serverUrl == null ? "" : serverUrl.replaceAll("/+$", "");
    }

    @Override
    public void requested(Approval a) {
        post(webhook, body("approval_requested", a, "Approval needed: " + summary(a) + "\n" + how(a)), false);
    }

    @Override
    public void resolved(Approval a) {
        post(webhook, body("approval_resolved", a, "Approval " + a.id() + " " + a.status().label() + " by " + a.resolvedBy()
                + (a.resolutionReason() == null ? "" : " (" + a.resolutionReason() + ")") + ": " + summary(a)), false);
        if (a.callbackUrl() != null) {
            Map<String, Object> cb = new LinkedHashMap<>();
            cb.put("approval_id", a.id());
            cb.put("status", a.status().label());
            cb.put("resolved_by", a.resolvedBy());
            cb.put("resolved_at", a.resolvedAt() == null ? null : a.resolvedAt().toString());
            cb.put("resolution_reason", a.resolutionReason());
            cb.put("valid_until", a.validUntil() == null ? null : a.validUntil().toString());
            post(URI.create(a.callbackUrl()), CanonicalJson.encode(cb), false);
        }
    }

    @Override
    public void emergency(Approval a) {
        post(webhook, body("approval_emergency", a, ":rotating_light: EMERGENCY (break glass) by " + a.resolvedBy() + ": "
                + summary(a) + " — reason: " + a.resolutionReason()), true);
    }

    static String summary(Approval a) {
        return a.tool() + " on " + a.resource() + " requested by " + a.requestedBy() + " (" + a.actionClass() + ", trace "
                + a.traceId() + ", policy " + a.policyName() + ", quorum " + a.quorum() + ")";
    }

    private String how(Approval a) {
        return "Approve: helpdesk approvals approve " + a.id() + (serverUrl.isEmpty() ? "" : " --server " + serverUrl)
                + "  ·  Deny: helpdesk approvals deny " + a.id() + " --reason \"...\""
                + (a.approvers().isEmpty() ? "" : "  ·  Approvers: " + String.join(", ", a.approvers()));
    }

    String body(String event, Approval a, String text) {
        if (slack) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("type", "section");
            section.put("text", Map.of("type", "mrkdwn", "text", text));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", text);
            body.put("blocks", List.of(section));
            return CanonicalJson.encode(body);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("text", text);
        body.put("approval", ApprovalJson.toMap(a));
        body.put("approve_with", "helpdesk approvals approve " + a.id());
        body.put("api", serverUrl + "/v1/approvals/" + a.id());
        return CanonicalJson.encode(body);
    }

    private void post(URI to, String json, boolean wait) {
        if (to == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(to).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        var sent = Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("cannot deliver an approval notification to {}: {} — is the receiver up?", to, e.toString());
            } else if (r.statusCode() / 100 != 2) {
                LOG.warn("approval notification receiver {} answered HTTP {}", to, r.statusCode());
            }
        });
        if (wait) {
            try {
                sent.get(TIMEOUT.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("emergency notification to {} not confirmed: {}", to, e.toString());
            }
        }
    }

    /** Built on the first notification (class initialisation is lazy): an HTTP client loads TLS, which every start would pay for. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }
}
