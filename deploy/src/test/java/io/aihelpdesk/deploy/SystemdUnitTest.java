package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/systemd/helpdesk.service: its hardening keys, and systemd's own verdict where systemd-analyze exists. */
class SystemdUnitTest {
    private static final Path UNIT = Repo.file("deploy/systemd/helpdesk.service");

    @Test
    void runs_the_distribution_as_an_unprivileged_hardened_service() throws Exception {
        Map<String, List<String>> service = section("Service");
        assertThat(service.get("ExecStart")).containsExactly("/opt/aihelpdesk/bin/helpdesk serve");
        assertThat(service.get("EnvironmentFile")).containsExactly("/etc/aihelpdesk/helpdesk.env");
        assertThat(service.get("DynamicUser")).containsExactly("yes");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("ProtectHome")).containsExactly("yes");
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("CapabilityBoundingSet")).containsExactly("");
        assertThat(service.get("StateDirectory")).containsExactly("aihelpdesk");
        assertThat(service.get("CacheDirectory")).containsExactly("aihelpdesk");
        // HOME and the CDS cache are the directories systemd makes writable under ProtectSystem=strict.
        assertThat(service.get("Environment")).singleElement().satisfies(e ->
                assertThat(e).contains("HOME=/var/lib/aihelpdesk").contains("HELPDESK_CACHE_DIR=/var/cache/aihelpdesk"));
        assertThat(service).as("the JIT needs W+X memory").doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(section("Install").get("WantedBy")).containsExactly("multi-user.target");
        // The env template the unit reads sets the server's address.
        assertThat(Files.readString(Repo.file("deploy/systemd/helpdesk.env"))).contains("\nHELPDESK_BIND=127.0.0.1\n")
                .contains("\nHELPDESK_PORT=8080\n");
    }

    @Test
    void systemd_analyze_accepts_the_unit_and_rates_it_well_exposed_at_most(@TempDir Path dir) throws Exception {
        if (!onPath("systemd-analyze")) {
            System.err.println("systemd-analyze not installed: the unit's keys are checked by the other test only");
            return;
        }
        // verify checks that ExecStart exists: point it at an executable that does.
        Path unit = dir.resolve("helpdesk.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/aihelpdesk/bin/helpdesk serve", "/bin/true serve"));
        Result verify = run(List.of("systemd-analyze", "verify", unit.toString()));
        assertThat(verify.exit).as(verify.output).isZero();
        assertThat(verify.output).as("warnings (unknown keys, bad values)").isBlank();
        // Overall exposure (0 = locked down, 10 = unsafe); --threshold is in tenths.
        Result security = run(List.of("systemd-analyze", "security", "--offline=true", "--threshold=25", unit.toString()));
        assertThat(security.exit).as(security.output).isZero();
        assertThat(security.output).contains("Overall exposure level for helpdesk.service");
    }

    private static Map<String, List<String>> section(String name) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(UNIT)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[")) {
                current = l.substring(1, l.length() - 1);
            } else if (name.equals(current)) {
                int eq = l.indexOf('=');
                out.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
            }
        }
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
