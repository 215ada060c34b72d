package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code helpdesk tool} runs tools through the same seam as MCP, with exit codes a script can use. */
class ToolCommandTest {
    private static final String AUDIT_DB = tempAuditDb();

    private static String tempAuditDb() {
        try {
            return java.nio.file.Files.createTempDirectory("audit-").resolve("audit.db").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CliRun run(String... command) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 2);
        args[command.length] = "--audit-db";
        args[command.length + 1] = AUDIT_DB;
        return CliRun.of(args);
    }

    @Test
    void runs_a_tool_and_prints_json() throws Exception {
        String inv = DemoFixture.get().inventory.toString();
        CliRun r = run("tool", "check_connection", "--target", "demo", "--inventory", inv, "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"status\" : \"succeeded\"", "\"database\" : \"shop\"", "\"trace_id\" : \"tr_");
    }

    @Test
    void exit_codes_separate_invalid_arguments_from_failures() throws Exception {
        String inv = DemoFixture.get().inventory.toString();
        CliRun invalid = run("tool", "check_connection", "--target", "demo", "--inventory", inv, "--arg", "nope=1");
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("nope: is not a parameter of this tool");
        CliRun failed = run("tool", "check_connection", "--target", "host=elsewhere dbname=x user=y", "--inventory", inv);
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("is not in the inventory");
    }

    @Test
    void get_playbook_renders_for_the_target_and_user_playbooks_replace_built_in_ones() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("playbooks-");
        java.nio.file.Path inv = dir.resolve("inventory.yaml");
        java.nio.file.Files.writeString(inv, "db_servers:\n  orders:\n    connection_string: \"host=db1 dbname=orders user=monitor\"\n");
        java.nio.file.Path own = java.nio.file.Files.createDirectories(dir.resolve("own"));
        java.nio.file.Files.writeString(own.resolve("broken.yaml"), "id: pb_broken\n");
        java.nio.file.Files.writeString(own.resolve("bloat.yaml"), """
                id: pb_table_bloat
                version: "9"
                problem_class: table_bloat
                title: Bloat, our way
                symptoms: [disk grows]
                investigation:
                  - tool: get_table_stats
                    arguments: {connection_string: "{{target}}", table_name: orders}
                    look_for: dead tuples
                remediation:
                  - {action: vacuum it, tool: run_vacuum, effect: WRITE, approval_expected: false}
                escalation: {when: [disk nearly full], to: the DBA}
                """);

        CliRun r = run("tool", "get_playbook", "--target", "orders", "--arg", "id=table_bloat", "--inventory", inv.toString(),
                "--playbooks", own.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Playbook pb_table_bloat v9 — Bloat, our way")
                .contains("1. get_table_stats(connection_string=\"orders\", table_name=\"orders\")");
        CliRun list = run("tool", "list_playbooks", "--inventory", inv.toString(), "--playbooks", own.toString(), "--format", "json");
        assertThat(list.out()).contains("broken.yaml:1: 'title' is required (file skipped)",
                "bloat.yaml: playbook pb_table_bloat (version 9) overrides the built-in one (version 1)");
    }

    @Test
    void bad_inventory_files_are_reported_with_their_lines() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("bad-", ".yaml");
        java.nio.file.Files.writeString(bad, "db_servers:\n  x:\n    name: no connection\n");
        CliRun r = run("tools", "--inventory", bad.toString());
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
        CliRun r = run("tools");
        assertThat(r.exit()).isZero();
        assertThat(run("tools", "--format", "json").out()).contains("\"output_schema\"");
        assertThat(r.out()).contains("check_connection", "read");
    }
}
