package io.aihelpdesk.server.observe;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: the Prometheus text exposition format (0.0.4). Authentication is the
 * server's: the bearer filter in front of every path covers it whenever API keys or JWTs are
 * configured, so a scraper sends {@code Authorization: Bearer <API key>}.
 */
final class MetricsServlet extends HttpServlet {
    private final transient ToolMetrics metrics;

    MetricsServlet(ToolMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        metrics.refresh();
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(metrics.registry().scrape());
    }
}
