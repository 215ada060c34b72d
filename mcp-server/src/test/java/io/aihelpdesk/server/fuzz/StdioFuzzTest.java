package io.aihelpdesk.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed lines into {@code helpdesk mcp} (a child process, stdio): after each one the
 * server still answers a ping with the right id within a bound, stdout carries only JSON-RPC, and the
 * process never dies. Also: a tools/call before initialize gets an error, and initialize then works.
 */
class StdioFuzzTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Child server;

    /** One {@code helpdesk mcp} process, its stdin and the lines of its stdout. */
    private record Child(Process process, OutputStream in, BlockingQueue<String> lines) {
        static Child spawn() throws Exception {
            DemoFixture demo = DemoFixture.get();
            Path audit = Files.createTempDirectory("stdio-fuzz-").resolve("audit.db");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "mcp",
                    "--inventory", demo.inventory.toString(), "--audit-db", audit.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> lines = new ArrayBlockingQueue<>(100_000);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.offer(line);
                    }
                } catch (java.io.IOException e) {
                    lines.offer("EOF " + e);
                }
            }, "stdio-fuzz-reader");
            reader.setDaemon(true);
            reader.start();
            return new Child(p, p.getOutputStream(), lines);
        }

        void send(String line) throws Exception {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** The response line carrying {@code "id":"<id>"}; every line before it must be JSON-RPC too. */
        String awaitId(String id, String after) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                assertThat(line).as("stdout carries JSON-RPC only").startsWith("{").contains("\"jsonrpc\":\"2.0\"");
                if (line.contains("\"id\":\"" + id + "\"")) {
                    return line;
                }
            }
            throw new AssertionError("no answer to " + id + " within 30 s after " + ProtocolFuzzTest.abbreviate(after)
                    + (process.isAlive() ? ": the server hangs" : ": the server exited with " + process.exitValue()));
        }

        void initialize(String id) throws Exception {
            send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}");
            assertThat(awaitId(id, "initialize")).contains("\"serverInfo\"");
            send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        server = Child.spawn();
        server.initialize("init");
    }

    @AfterContainer
    static void stop() throws Exception {
        server.in().close();
        assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).as("exits when stdin closes").isTrue();
    }

    @Provide
    Arbitrary<String> lines() {
        return new ProtocolFuzzTest().messages().map(s -> s.replace('\n', ' ').replace('\r', ' '));
    }

    @Property(tries = 120)
    void every_line_leaves_the_server_answering(@ForAll("lines") String line) throws Exception {
        server.send(line);
        String id = "probe-" + IDS.incrementAndGet();
        server.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"ping\"}");
        assertThat(server.awaitId(id, line)).contains("\"result\"");
        assertThat(server.process().isAlive()).isTrue();
    }

    @Example
    void lines_that_once_ended_the_sdks_reading_are_answered_with_errors_and_the_session_goes_on() throws Exception {
        server.send("[{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"ping\"}]");
        server.send("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"initialize\",\"params\":{}}");
        server.send("{not json");
        server.send("{\"jsonrpc\":\"2.0\",\"id\":\"after-junk\",\"method\":\"ping\"}");
        assertThat(server.awaitId("after-junk", "a batch, a bad id and a broken line")).contains("\"result\"");
    }

    @Example
    void a_call_before_initialize_does_not_break_the_session_and_initialize_then_works() throws Exception {
        Child fresh = Child.spawn();
        try {
            fresh.send("{\"jsonrpc\":\"2.0\",\"id\":\"early\",\"method\":\"tools/call\",\"params\":{\"name\":\"check_connection\","
                    + "\"arguments\":{\"connection_string\":\"demo\"}}}");
            fresh.initialize("init2");
            fresh.send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"tools/list\"}");
            assertThat(fresh.awaitId("after", "tools/list")).contains("check_connection");
        } finally {
            fresh.process().destroy();
            fresh.process().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
