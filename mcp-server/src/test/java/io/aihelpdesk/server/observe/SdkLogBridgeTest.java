package io.aihelpdesk.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry SDK's java.util.logging records come out through SLF4J, one line each, causes summarised. */
class SdkLogBridgeTest {
    @Test
    void an_export_failure_is_one_slf4j_line_naming_its_causes_without_a_stack_trace() {
        SdkLogBridge.install();
        SdkLogBridge.install(); // idempotent: one handler, one line
        PrintStream old = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter").log(Level.SEVERE,
                    "Failed to export spans. The request could not be executed.",
                    new ConnectException("Connection refused").initCause(new java.nio.channels.ClosedChannelException()));
        } finally {
            System.setErr(old);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).contains("ERROR", "io.opentelemetry.exporter.internal.http.HttpExporter",
                "Failed to export spans. The request could not be executed. (ConnectException: Connection refused ← ClosedChannelException)")
                .doesNotContain("\tat ", "SEVERE");
    }
}
