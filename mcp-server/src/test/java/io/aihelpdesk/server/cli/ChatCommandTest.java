package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code helpdesk chat} as a child process with its stdin and stdout piped, as a script would drive it. */
class ChatCommandTest {
    @Test
    void piped_questions_are_answered_offline_and_end_of_input_leaves() throws Exception {
        DemoFixture demo = DemoFixture.get();
        Path dir = Files.createTempDirectory("chat-cli-");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "chat", "--offline", "--no-history",
                "--inventory", demo.inventory.toString(), "--audit-db", dir.resolve("audit.db").toString(), "--as", "erin")
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        p.getOutputStream().write("is demo slow?\n/databases\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("stderr.txt"))).isZero();
        assertThat(out).contains("aiHelpDesk chat — OFFLINE (--offline)", "audited as erin");
        assertThat(out).contains("→ diagnose demo (focus database; matched: slow)", "pb_slow_queries", "standalone", "bye");
    }
}
