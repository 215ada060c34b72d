package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.tools.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The audit trail of a remote {@code helpdesk serve}, through its audit API with the chat's API key. */
final class RemoteAuditTrail implements AuditTrail {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String apiKey;

    RemoteAuditTrail(String base, String apiKey) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
    }

    @Override
    public String append(AuditEvent event) {
        Map<?, ?> body = send(request("/v1/events").POST(HttpRequest.BodyPublishers.ofString(event.toJson())), 201);
        return String.valueOf(body.get("event_id"));
    }

    @Override
    public List<AuditEvent> trace(String traceId) {
        Map<?, ?> body = send(request("/v1/events?limit=1000&trace_id=" + URLEncoder.encode(traceId, StandardCharsets.UTF_8)).GET(), 200);
        return body.get("events") instanceof List<?> events ? events.stream().map(e -> AuditEvent.fromJson(Json.write(e))).toList() : List.of();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Content-Type", "application/json");
        return apiKey == null ? b : b.header("Authorization", "Bearer " + apiKey);
    }

    private Map<?, ?> send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException("the server's audit API answered " + r.statusCode() + ": " + r.body());
            }
            return Json.mapper().readValue(r.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("the server's audit API at " + base + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the server's audit API", e);
        }
    }
}
