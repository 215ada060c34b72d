package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code helpdesk tool} runs tools through the same seam as MCP, with exit codes a script can use. */
class ToolCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static final String AUDIT_DB = tempAuditDb();

    private static String tempAuditDb() {
        try {
            return java.nio.file.Files.createTempDirectory("audit-").resolve("audit.db").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Run run(String... command) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 2);
        args[command.length] = "--audit-db";
        args[command.length + 1] = AUDIT_DB;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void runs_a_tool_and_prints_json() throws Exception {
        String inv = DemoFixture.get().inventory.toString();
        Run r = run("tool", "check_connection", "--target", "demo", "--inventory", inv, "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"status\" : \"succeeded\"", "\"database\" : \"shop\"", "\"trace_id\" : \"tr_");
    }

    @Test
    void exit_codes_separate_invalid_arguments_from_failures() throws Exception {
        String inv = DemoFixture.get().inventory.toString();
        Run invalid = run("tool", "check_connection", "--target", "demo", "--inventory", inv, "--arg", "nope=1");
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("nope: is not a parameter of this tool");
        Run failed = run("tool", "check_connection", "--target", "host=elsewhere dbname=x user=y", "--inventory", inv);
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("is not in the inventory");
    }

    @Test
    void bad_inventory_files_are_reported_with_their_lines() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("bad-", ".yaml");
        java.nio.file.Files.writeString(bad, "db_servers:\n  x:\n    name: no connection\n");
        Run r = run("tools", "--inventory", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3: db_servers.x: 'connection_string' is required");
    }

    @Test
    void every_cli_call_is_in_the_audit_chain() throws Exception {
        String inv = DemoFixture.get().inventory.toString();
        run("tool", "check_connection", "--target", "demo", "--inventory", inv);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("audit", "verify", "--audit-db", AUDIT_DB)).isZero();
            assertThat(Main.execute("audit", "query", "--tool", "check_connection", "--audit-db", AUDIT_DB)).isZero();
            assertThat(Main.execute("audit", "export", "--audit-db", AUDIT_DB)).isZero();
        } finally {
            System.setOut(oldOut);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("chain intact", "\"event_type\":\"outcome\"", "\"status\":\"success\"", "\"raw_command\":\"select version()");
    }

    @Test
    void lists_the_catalog() {
        Run r = run("tools");
        assertThat(r.exit()).isZero();
        assertThat(run("tools", "--format", "json").out()).contains("\"output_schema\"");
        assertThat(r.out()).contains("check_connection", "read");
    }
}
