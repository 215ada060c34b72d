package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;


import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helpdesk bundle create|list|show} against the demo database, through the governed pipeline. */
class BundleCommandTest {
    @TempDir
    Path dir;

    private CliRun run(String... command) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 4);
        args[command.length] = "--audit-db";
        args[command.length + 1] = dir.resolve("audit.db").toString();
        args[command.length + 2] = "--incident-dir";
        args[command.length + 3] = dir.resolve("incidents").toString();
        return CliRun.of(args);
    }

    @Test
    void creates_lists_and_shows_a_bundle() throws Exception {
        String inv = DemoFixture.get().inventory.toString();
        CliRun created = run("bundle", "create", "--infra-key", "demo", "-d", "cli test", "--layers", "database", "--inventory", inv);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.err()).contains("[0/2] collecting database (1 of 1)", "[1/2] triage and writing the bundle", "bundle written");
        Matcher m = Pattern.compile("Incident bundle ([0-9a-f]{8}) written to (\\S+):").matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        String id = m.group(1);

        CliRun listed = run("bundle", "list", "--inventory", inv);
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("1 incident bundle in", id, "cli test");

        CliRun shown = run("bundle", "show", id, "--inventory", inv);
        assertThat(shown.out()).contains("# Incident " + id, "| database | collected |");
        CliRun file = run("bundle", "show", id, "--file", "database/check_connection.txt", "--inventory", inv, "--format", "json");
        assertThat(file.exit()).isZero();
        assertThat(file.out()).contains("\"status\" : \"succeeded\"", "Connection successful");

        CliRun missing = run("bundle", "show", "0000dead", "--inventory", inv);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no incident 0000dead");
    }
}
