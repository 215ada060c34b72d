package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.CanonicalJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as JSON {@code {type, alert_type, severity, message, event_id, trace_id, details,
 * timestamp}} — {@code type} is {@code security_incident} for CRITICAL, else {@code audit_alert}.
 * With {@code criticalOnly} WARN alerts are skipped. Delivery is synchronous with a 5 s timeout;
 * failures are logged, never thrown.
 */
public final class WebhookSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final URI url;
    private final boolean criticalOnly;
    private final HttpClient http;

    public WebhookSink(URI url, boolean criticalOnly) {
        this.url = url;
        this.criticalOnly = criticalOnly;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public void send(Alert alert) {
        if (criticalOnly && !alert.critical()) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(alert))).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("webhook {} answered HTTP {} to alert {} on {} — check the receiver", url,
                        response.statusCode(), alert.rule(), alert.eventId());
            }
        } catch (java.io.IOException e) {
            LOG.warn("cannot deliver alert {} on {} to webhook {}: {} — is the receiver up?", alert.rule(),
                    alert.eventId(), url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("delivery of alert {} to webhook {} interrupted", alert.rule(), url);
        }
    }

    static String json(Alert a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", a.critical() ? "security_incident" : "audit_alert");
        body.put("alert_type", a.rule());
        body.put("severity", a.level().name());
        body.put("message", a.message());
        body.put("event_id", a.eventId());
        body.put("trace_id", a.traceId());
        body.put("details", a.details());
        body.put("timestamp", a.timestamp() == null ? null : a.timestamp().toString());
        return CanonicalJson.encode(body);
    }
}
