package io.aihelpdesk.server.observe;

import io.aihelpdesk.governance.PipelineObserver;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.Version;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires observability into a running server: the log context (trace id in every log line of a
 * call), OpenTelemetry spans when an OTLP endpoint is configured, and — for {@code helpdesk serve}
 * — Prometheus metrics at {@code /metrics}. Everything hangs off the pipeline's observer seam; with
 * nothing attached the pipeline pays one empty-list check per call.
 */
public final class Telemetry {
    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
    /** Where the Prometheus text format is served. */
    public static final String METRICS_PATH = "/metrics";

    private Telemetry() {
    }

    /**
     * Serves {@code /metrics} on {@code root} and attaches metrics, traces (if configured) and the
     * log context to the helpdesk's pipeline until the context stops. Authentication is the
     * server's own: the bearer filter on "/*" covers {@code /metrics} whenever keys are configured.
     */
    public static void mount(ServletContextHandler root, Helpdesk helpdesk, UnaryOperator<String> env) {
        ToolMetrics metrics = new ToolMetrics(helpdesk.pipeline(), helpdesk.approvals(), helpdesk.pools());
        AutoCloseable attached = attach(helpdesk, env, metrics);
        org.eclipse.jetty.ee10.servlet.ServletHolder holder = new org.eclipse.jetty.ee10.servlet.ServletHolder(new MetricsServlet(metrics));
        root.addServlet(holder, METRICS_PATH);
        root.addEventListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent sce) {
                close(attached);
            }
        });
    }

    /** Traces (if configured) and the log context, without metrics: {@code helpdesk mcp} over stdio. */
    public static AutoCloseable attach(Helpdesk helpdesk, UnaryOperator<String> env) {
        return attach(helpdesk, env, null);
    }

    private static AutoCloseable attach(Helpdesk helpdesk, UnaryOperator<String> env, PipelineObserver metrics) {
        List<AutoCloseable> handles = new ArrayList<>();
        handles.add(helpdesk.pipeline().observe(new LogContext()));
        OtlpSettings otlp = OtlpSettings.fromEnvironment(env);
        Tracing tracing = otlp == null ? null : new Tracing(otlp, Version.current()); // the SDK is loaded only when asked for
        if (tracing != null) {
            handles.add(helpdesk.pipeline().observe(tracing));
        }
        if (metrics != null) {
            handles.add(helpdesk.pipeline().observe(metrics));
        }
        return () -> {
            for (int i = handles.size() - 1; i >= 0; i--) {
                close(handles.get(i));
            }
            if (tracing != null) {
                tracing.close();
            }
        };
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("observability did not stop cleanly: {}", e.toString());
        }
    }
}
