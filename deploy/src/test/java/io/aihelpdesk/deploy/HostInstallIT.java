package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host deployment against the packaged distribution (mcp-server/target/helpdesk-&lt;version&gt;): startall.sh
 * starts and stops a real server, and install.sh plans and performs an install into temporary directories. (The image
 * trains its AOT cache with the distribution's bin/helpdesk-train, which mcp-server's DistributionIT proves on each JDK.)
 */
class HostInstallIT {
    private static final String VERSION = Repo.version();
    private static final Path DIST = Repo.file("mcp-server/target/helpdesk-" + VERSION + "/helpdesk-" + VERSION);
    private static final Path TARBALL = Repo.file("mcp-server/target/helpdesk-" + VERSION + ".tar.gz");
    /** Shared by the tests' launcher runs so the class-data-sharing archive is trained once per build. */
    private static final Path CDS_CACHE = Repo.file("deploy/target/cds-cache");

    @BeforeAll
    static void distributionIsBuilt() {
        assertThat(DIST.resolve("bin/helpdesk")).as("the distribution; build it with ./mvnw verify (or ./mvnw -pl deploy -am "
                + "verify), which packages mcp-server before this module's integration tests").isExecutable();
        assertThat(TARBALL).exists();
    }

    @Test
    void the_distribution_ships_the_sample_configs_and_the_host_scripts() throws Exception {
        for (String sample : List.of("inventory.yaml", "users.yaml", "policies.yaml", "guardrails.yaml",
                "policies/production-readonly.yaml", "policies/approvals-for-writes.yaml", "policies/change-freeze.yaml")) {
            assertThat(DIST.resolve("examples/" + sample)).hasSameTextualContentAs(Repo.file("examples/" + sample));
        }
        for (String file : List.of("startall.sh", "install.sh", "helpdesk.service", "helpdesk.env")) {
            assertThat(DIST.resolve("systemd/" + file)).hasSameTextualContentAs(Repo.file("deploy/systemd/" + file));
        }
        assertThat(DIST.resolve("systemd/startall.sh")).isExecutable();
        assertThat(DIST.resolve("systemd/install.sh")).isExecutable();
        assertThat(DIST.resolve("examples/srebot")).doesNotExist();
    }

    @Test
    void startall_starts_the_server_from_the_distribution_and_stop_stops_it(@TempDir Path tmp) throws Exception {
        int port = freePort();
        Path envFile = Files.writeString(tmp.resolve("helpdesk.env"), String.join("\n",
                "# as installed in /etc/aihelpdesk/helpdesk.env",
                "HELPDESK_PORT=" + port,
                "HELPDESK_INFRA_CONFIG=" + DIST.resolve("examples/inventory.yaml"),
                "HELPDESK_POLICY_FILE=\"" + DIST.resolve("examples/policies/production-readonly.yaml") + "\"",
                "HELPDESK_AUDIT_DB=" + tmp.resolve("audit.db"),
                "# the inventory's ${STAGING_DB_PASSWORD}",
                "STAGING_DB_PASSWORD=not-used-here", ""));
        Path runDir = tmp.resolve("run");
        Map<String, String> env = Map.of("HOME", Shell.path(tmp), "HELPDESK_ENV_FILE", Shell.path(envFile),
                "HELPDESK_RUN_DIR", Shell.path(runDir), "HELPDESK_CACHE_DIR", Shell.path(CDS_CACHE));
        // The copy shipped in the distribution finds bin/helpdesk next to it.
        String startall = Shell.path(DIST.resolve("systemd/startall.sh"));
        long pid = -1;
        try {
            Shell.Result start = Shell.run(List.of(startall), env);
            assertThat(start.exit()).as(start.all()).isZero();
            Matcher m = Pattern.compile("aiHelpDesk server running on http://127\\.0\\.0\\.1:" + port + " \\(pid (\\d+), log ")
                    .matcher(start.stdout());
            assertThat(m.find()).as(start.all()).isTrue();
            pid = Long.parseLong(m.group(1));
            assertThat(Files.readString(runDir.resolve("helpdesk-serve.pid")).strip()).isEqualTo(String.valueOf(pid));
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"health\":\"ok\"").contains("\"version\":\"" + VERSION + "\"")
                    .as("the inventory named in the env file was loaded").contains("\"databases\":2");

            Shell.Result again = Shell.run(List.of(startall), env);
            assertThat(again.stdout()).contains("already running (pid " + pid + ",");
            assertThat(Shell.run(List.of(startall, "--status"), env).exit()).isZero();

            Shell.Result stop = Shell.run(List.of(startall, "--stop"), env);
            assertThat(stop.exit()).as(stop.all()).isZero();
            assertThat(stop.stdout()).contains("aiHelpDesk server stopped (pid " + pid + ")");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
            assertThat(runDir.resolve("helpdesk-serve.pid")).doesNotExist();
            assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(java.net.ConnectException.class);

            Shell.Result status = Shell.run(List.of(startall, "--status"), env);
            assertThat(status.exit()).isEqualTo(3);
            assertThat(status.stdout()).contains("not running");
            assertThat(Shell.run(List.of(startall, "--stop"), env).stdout()).contains("aiHelpDesk server not running");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void install_dry_run_prints_the_steps_and_changes_nothing(@TempDir Path tmp) throws Exception {
        Path prefix = tmp.resolve("opt/aihelpdesk");
        Shell.Result r = Shell.run(List.of(Shell.path(Repo.file("deploy/systemd/install.sh")), "--dry-run", "--prefix",
                Shell.path(prefix), "--etc", Shell.path(tmp.resolve("etc")), "--units", Shell.path(tmp.resolve("units")),
                Shell.path(TARBALL)), Map.of());
        assertThat(r.exit()).as(r.all()).isZero();
        String here = Shell.path(Repo.file("deploy/systemd"));
        assertThat(r.stdout()).contains("install.sh --dry-run: these steps would run (nothing is changed):")
                .contains(". tar -xzf " + TARBALL + " -C " + prefix + ".new --strip-components=1\n")
                .contains(". mv -T " + prefix + ".new " + prefix + "\n")
                .contains(". install -m 0600 " + here + "/helpdesk.env " + tmp.resolve("etc/helpdesk.env") + "\n")
                .contains(". install -m 0644 " + here + "/helpdesk.service " + tmp.resolve("units/helpdesk.service") + "\n")
                .contains(". systemctl daemon-reload\n");
        assertThat(r.stdout().lines().filter(l -> l.matches(" ?\\d+\\. .*"))).hasSizeGreaterThan(10);
        assertThat(tmp.resolve("opt")).doesNotExist();
        assertThat(tmp.resolve("etc")).doesNotExist();
        assertThat(tmp.resolve("units")).doesNotExist();
    }

    @Test
    void install_unpacks_the_tarball_and_keeps_an_edited_env_file(@TempDir Path tmp) throws Exception {
        Path prefix = tmp.resolve("opt/aihelpdesk");
        Path etc = tmp.resolve("etc");
        List<String> install = List.of(Shell.path(Repo.file("deploy/systemd/install.sh")), "--no-systemctl", "--prefix",
                Shell.path(prefix), "--etc", Shell.path(etc), "--units", Shell.path(tmp.resolve("units")), Shell.path(TARBALL));
        Map<String, String> env = Map.of("HOME", Shell.path(tmp), "HELPDESK_CACHE_DIR", Shell.path(CDS_CACHE));

        Shell.Result first = Shell.run(install, env);
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.stdout()).contains("aiHelpDesk installed in " + prefix).contains(VERSION)
                .contains("Next: edit " + etc.resolve("helpdesk.env"));
        assertThat(prefix.resolve("bin/helpdesk")).isExecutable();
        assertThat(prefix.resolve("bin/startall.sh")).isExecutable();
        assertThat(prefix.resolve("lib")).isNotEmptyDirectory();
        assertThat(tmp.resolve("units/helpdesk.service")).hasSameTextualContentAs(Repo.file("deploy/systemd/helpdesk.service"));
        assertThat(etc.resolve("examples/policies/change-freeze.yaml")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("helpdesk.env")))).isEqualTo("rw-------");

        Files.writeString(etc.resolve("helpdesk.env"), "HELPDESK_MODE=fix\n", java.nio.file.StandardOpenOption.APPEND);
        Shell.Result second = Shell.run(install, env);
        assertThat(second.exit()).as(second.all()).isZero();
        assertThat(Files.readString(etc.resolve("helpdesk.env"))).endsWith("HELPDESK_MODE=fix\n");
        assertThat(tmp.resolve("opt/aihelpdesk.old")).doesNotExist();
        assertThat(tmp.resolve("opt/aihelpdesk.new")).doesNotExist();
    }

    @Test
    void install_trains_the_start_up_archive_where_the_distribution_now_lives(@TempDir Path tmp) throws Exception {
        // A copy of the distribution whose bin/helpdesk-train records where it ran (the real one trains lib/cds/).
        Path source = tmp.resolve("helpdesk-" + VERSION);
        Shell.run(List.of("cp", "-a", Shell.path(DIST), Shell.path(source)), Map.of());
        Path trainer = source.resolve("bin/helpdesk-train");
        Files.writeString(trainer, "#!/usr/bin/env bash\nhome=\"$(cd \"$(dirname \"$0\")/..\" && pwd)\"\n"
                + "echo \"$home $*\" >> \"$home/trainer.log\"\n");
        Files.setPosixFilePermissions(trainer, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path prefix = tmp.resolve("opt/aihelpdesk");
        List<String> install = List.of(Shell.path(Repo.file("deploy/systemd/install.sh")), "--no-systemctl", "--prefix",
                Shell.path(prefix), "--etc", Shell.path(tmp.resolve("etc")), "--units", Shell.path(tmp.resolve("units")),
                Shell.path(source));

        Shell.Result dry = Shell.run(List.of(install.get(0), "--dry-run", "--prefix", Shell.path(prefix), Shell.path(source)), Map.of());
        assertThat(dry.stdout()).contains(". " + prefix.resolve("bin/helpdesk-train") + " --quiet\n");
        Shell.Result r = Shell.run(install, Map.of("HOME", Shell.path(tmp), "HELPDESK_CACHE_DIR", Shell.path(CDS_CACHE)));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(Files.readAllLines(prefix.resolve("trainer.log")).get(0)).isEqualTo(prefix + " --quiet");

        // Without a trainer in the distribution there is no such step.
        Shell.Result plain = Shell.run(List.of(install.get(0), "--dry-run", Shell.path(TARBALL)), Map.of());
        assertThat(plain.stdout()).contains("tar -xzf");
        if (!Files.exists(DIST.resolve("bin/helpdesk-train"))) {
            assertThat(plain.stdout()).doesNotContain("helpdesk-train");
        } else {
            assertThat(plain.stdout()).contains("/opt/aihelpdesk/bin/helpdesk-train --quiet");
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
