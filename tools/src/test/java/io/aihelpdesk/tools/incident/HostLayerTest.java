package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host commands: a missing binary is recorded, a hung one is killed at its timeout, neither stops the layer. */
class HostLayerTest {
    @Test
    void missing_and_hung_commands_are_recorded_and_the_rest_still_runs() {
        BundleContents out = new BundleContents(IncidentFixture.NO_SECRETS_EXPECTED, System.nanoTime() + 60_000_000_000L);
        long start = System.nanoTime();
        HostLayer.collect("os", List.of(
                HostCommand.of("missing", "aihelpdesk-no-such-command", "--version"),
                HostCommand.of("hung", "sleep", "30"),
                HostCommand.of("failing", "ls", "/no/such/directory"),
                HostCommand.of("uname", "uname", "-s")), Duration.ofMillis(300), out);

        assertThat((System.nanoTime() - start) / 1_000_000).as("the hung command was killed at its timeout").isLessThan(10_000);
        assertThat(out.notInstalled()).singleElement().satisfies(e -> {
            assertThat(e.item()).isEqualTo("os/missing");
            assertThat(e.message()).contains("aihelpdesk-no-such-command is not installed");
        });
        assertThat(out.errors()).extracting(Manifest.ItemError::item).containsExactly("os/hung", "os/failing");
        assertThat(out.errors().get(0).message()).contains("timed out after 300 ms and was killed");
        assertThat(out.errors().get(1).message()).contains("exited with status", "No such file");
        assertThat(new String(out.files().get("os/uname.txt"), StandardCharsets.UTF_8)).contains("$ uname -s", "# ok, exit 0", "Linux");
        assertThat(new String(out.files().get("os/missing.txt"), StandardCharsets.UTF_8)).startsWith("not installed: ");
    }

    @Test
    void an_exhausted_budget_cuts_the_remaining_commands() {
        BundleContents out = new BundleContents(IncidentFixture.NO_SECRETS_EXPECTED, System.nanoTime());
        HostLayer.collect("storage", HostLayer.storage(false), Duration.ofSeconds(10), out);
        assertThat(out.cutItems()).containsExactly("storage/df_h", "storage/df_i", "storage/mount", "storage/lsblk", "storage/iostat");
        assertThat(out.files()).isEmpty();
    }
}
