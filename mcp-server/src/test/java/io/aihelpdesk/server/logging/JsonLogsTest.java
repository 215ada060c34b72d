package io.aihelpdesk.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.tools.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --log-format json} / {@code HELPDESK_LOG_FORMAT=json}: a real {@code helpdesk serve}
 * process writes only JSON objects, one per line, on stderr (stdout stays empty), and a record
 * written during a tool call carries the call's trace id.
 */
class JsonLogsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @SuppressWarnings("unchecked")
    void serve_with_log_format_json_writes_one_json_object_per_stderr_line() throws Exception {
        DemoFixture demo = DemoFixture.get();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the test classpath's simplelogger.properties says warn: the server's levels, and Hikari's pool start-up (inside a call)
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.com.zaxxer.hikari=info"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // as bin/helpdesk does: else the JVM warns about SQLite's native load
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "serve", "--port", "0",
                "--log-format", "json", "--inventory", demo.inventory.toString(), "--audit-db", dir.resolve("audit.db").toString()));
        Process serve = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        List<String> lines;
        try {
            int port = -1;
            while (port < 0 && serve.isAlive()) {
                Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(dir.resolve("stderr.txt")));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(port).as(Files.readString(dir.resolve("stderr.txt"))).isPositive();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/db/check_connection")).header("Content-Type", "application/json").header("X-Trace-ID", "tr_json_logs01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"connection_string\":\"demo\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            serve.destroy(); // SIGTERM: the shutdown hook stops the server
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            lines = Files.readAllLines(dir.resolve("stderr.txt"));
        } finally {
            serve.destroyForcibly();
        }
        assertThat(lines).isNotEmpty();
        for (String l : lines) {
            Map<String, Object> record = Json.mapper().readValue(l, Map.class);
            assertThat(record).as(l).containsKeys("ts", "level", "logger", "msg");
            assertThat(Instant.parse((String) record.get("ts"))).isBefore(Instant.now().plusSeconds(1));
        }
        Map<String, Object> banner = Json.mapper().readValue(lines.stream().filter(l -> l.contains("listening on")).findFirst().orElseThrow(), Map.class);
        assertThat(banner).containsEntry("level", "INFO").containsEntry("logger", "io.aihelpdesk.server");
        assertThat((String) banner.get("msg")).startsWith("aiHelpDesk listening on http://127.0.0.1:").contains("metrics: /metrics");
        List<Map<String, Object>> inCall = new ArrayList<>();
        for (String l : lines) {
            Map<String, Object> record = Json.mapper().readValue(l, Map.class);
            if (record.containsKey("trace_id")) {
                inCall.add(record);
            }
        }
        assertThat(inCall).as("the pool started inside the call logs with its trace id:\n" + String.join("\n", lines)).isNotEmpty()
                .allSatisfy(rec -> assertThat(rec).containsEntry("trace_id", "tr_json_logs01"))
                .anySatisfy(rec -> assertThat((String) rec.get("logger")).startsWith("com.zaxxer.hikari"));
        assertThat(Files.readString(dir.resolve("stdout.txt"))).as("stdout belongs to MCP stdio; serve prints nothing there").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_message_with_quotes_and_newlines_stays_one_line_and_an_error_carries_its_stack() throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JsonLogger log = new JsonLogger("io.aihelpdesk.test", 2);
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            log.debug("below the threshold");
            log.warn("pool for {} is \"full\"\nretrying\u0001", "demo");
            log.error("store down", new IllegalStateException("disk full"));
        } finally {
            System.setErr(old);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        Map<String, Object> warn = Json.mapper().readValue(lines[0], Map.class);
        assertThat(warn).containsEntry("level", "WARN").containsEntry("logger", "io.aihelpdesk.test")
                .containsEntry("msg", "pool for demo is \"full\"\nretrying\u0001").doesNotContainKey("trace_id");
        Map<String, Object> error = Json.mapper().readValue(lines[1], Map.class);
        assertThat(error).containsEntry("level", "ERROR").containsEntry("msg", "store down");
        assertThat((String) error.get("error")).startsWith("java.lang.IllegalStateException: disk full").contains("\tat ");
    }

    @Test
    void levels_follow_the_text_logs_settings_with_the_longest_prefix_winning() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        p.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        p.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.server.Server", "error");
        LogLevels levels = new LogLevels(p);
        assertThat(LogLevels.NAMES[levels.of("io.aihelpdesk.server.Helpdesk")]).isEqualTo("info");
        assertThat(LogLevels.NAMES[levels.of("org.eclipse.jetty.util.Scanner")]).isEqualTo("warn");
        assertThat(LogLevels.NAMES[levels.of("org.eclipse.jetty.server.Server")]).isEqualTo("error");
        assertThat(LogLevels.NAMES[new LogLevels(new java.util.Properties()).of("any")]).as("slf4j-simple's default").isEqualTo("info");
    }
}
