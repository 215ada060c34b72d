package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.auditor.AlertCounters;
import io.aihelpdesk.governance.auditor.AlertSink;
import io.aihelpdesk.governance.auditor.Auditor;
import io.aihelpdesk.governance.auditor.AuditorLoop;
import io.aihelpdesk.governance.auditor.AuditorSettings;
import io.aihelpdesk.governance.auditor.StderrSink;
import io.aihelpdesk.governance.auditor.WebhookSink;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code helpdesk auditor}: watches the audit chain and raises alerts (high volume, off-hours,
 * destructive without approval, clock anomalies, error rates, slow tools, repeated queries,
 * denials, broken chain) to stderr, a webhook and Prometheus counters.
 */
@Command(name = "auditor", mixinStandardHelpOptions = true, description = "Watch the audit chain and alert on suspicious activity.")
final class AuditorCommand implements Callable<Integer> {
    @Option(names = "--audit-db", paramLabel = "FILE", description = "Default: $HELPDESK_AUDIT_DB or ~/.local/state/aihelpdesk/audit.db.")
    Path auditDb;
    @Option(names = "--webhook", paramLabel = "URL", description = "POST each alert as JSON to this URL.")
    URI webhook;
    @Option(names = "--webhook-critical-only", description = "Send only CRITICAL alerts to the webhook.")
    boolean criticalOnly;
    @Option(names = "--max-events-per-minute", paramLabel = "N", description = "High-volume threshold (0 = off). Default: 120.")
    Integer maxEventsPerMinute;
    @Option(names = "--allowed-hours", paramLabel = "START-END", description = "Working hours, e.g. 8-18; activity outside warns.")
    String allowedHours;
    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone of --allowed-hours. Default: UTC.")
    ZoneId zone = ZoneId.of("UTC");
    @Option(names = "--poll-ms", paramLabel = "MS", description = "How often to read new events. Default: 1000.")
    long pollMs = 1000;
    @Option(names = "--verify-seconds", paramLabel = "S", description = "How often to verify the whole chain. Default: 300.")
    long verifySeconds = 300;
    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve Prometheus counters on 127.0.0.1:PORT/metrics.")
    Integer metricsPort;

    @Override
    public Integer call() throws Exception {
        AuditorSettings settings = AuditorSettings.defaults().withVerifyInterval(Duration.ofSeconds(verifySeconds));
        if (maxEventsPerMinute != null) {
            settings = settings.withMaxEventsPerMinute(maxEventsPerMinute);
        }
        if (allowedHours != null) {
            String[] h = allowedHours.split("-");
            if (h.length != 2 || !h[0].matches("\\d{1,2}") || !h[1].matches("\\d{1,2}")) {
                System.err.println("--allowed-hours expects START-END in hours, e.g. 8-18; got '" + allowedHours + "'");
                return 2;
            }
            settings = settings.withAllowedHours(Integer.parseInt(h[0]), Integer.parseInt(h[1]), zone);
        }
        AlertCounters counters = new AlertCounters();
        List<AlertSink> sinks = new ArrayList<>(List.of(new StderrSink()));
        if (webhook != null) {
            sinks.add(new WebhookSink(webhook, criticalOnly));
        }
        com.sun.net.httpserver.HttpServer metrics = metricsPort == null ? null : metrics(metricsPort, counters);
        CountDownLatch stop = new CountDownLatch(1);
        try (SqliteAuditStore store = AuditCommand.open(auditDb);
             AuditorLoop loop = new AuditorLoop(store, new Auditor(settings), counters, sinks, Duration.ofMillis(pollMs),
                     settings.verifyInterval())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            loop.start();
            System.err.println("auditor watching " + ServerOptions.auditDatabase(auditDb) + (webhook == null ? "" : ", alerts to " + webhook)
                    + (metrics == null ? "" : ", metrics on http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics"));
            stop.await();
        } finally {
            if (metrics != null) {
                metrics.stop(0);
            }
        }
        return 0;
    }

    private static com.sun.net.httpserver.HttpServer metrics(int port, AlertCounters counters) throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = counters.text().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
