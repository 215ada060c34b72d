package io.aihelpdesk.server.lab;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL server the lab manages: embedded binaries (zonky) on a data directory the lab owns,
 * which the process injector can stop, kill and start again with {@code pg_ctl} and the same
 * settings. A data directory that already holds a cluster (a replica's copy) is started as is.
 */
final class LabPostgres implements AutoCloseable {
    private final String name;
    private final EmbeddedPostgres pg;
    private final Path dataDir;
    private final Map<String, String> config;
    private final Path bin;

    private LabPostgres(String name, EmbeddedPostgres pg, Path dataDir, Map<String, String> config) throws IOException {
        this.name = name;
        this.pg = pg;
        this.dataDir = dataDir;
        this.config = config;
        this.bin = binaries(dataDir);
    }

    /** Starts a server on {@code dataDir} (initdb first unless the directory already holds a cluster). */
    static LabPostgres start(String name, Path dataDir, int port, Map<String, String> config) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60));
        config.forEach(b::setServerConfig);
        if (port > 0) {
            b.setPort(port);
        }
        EmbeddedPostgres pg = b.start();
        return new LabPostgres(name, pg, dataDir, new LinkedHashMap<>(config));
    }

    /** The directory of the server binaries, from the running postmaster's executable. */
    private static Path binaries(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        String exe = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IOException("cannot find the executable of postmaster " + pid));
        return Path.of(exe).getParent();
    }

    String name() {
        return name;
    }

    int port() {
        return pg.getPort();
    }

    Path dataDir() {
        return dataDir;
    }

    /** A superuser session to {@code database} (trust authentication on the loopback). */
    Connection connect(String database) throws SQLException {
        return connect(database, "postgres", "aihelpdesk-lab");
    }

    /** A session as {@code role} (trust on the loopback for every role but the helpdesk's) named {@code application}. */
    Connection connect(String database, String role, String application) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + role
                + "&ApplicationName=" + java.net.URLEncoder.encode(application, java.nio.charset.StandardCharsets.UTF_8)
                + "&connectTimeout=5");
    }

    boolean running() {
        return Files.exists(dataDir.resolve("postmaster.pid")) && postmaster().map(ProcessHandle::isAlive).orElse(false);
    }

    private java.util.Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Fast shutdown: sessions are ended, the server stops accepting connections. */
    void stop() throws IOException {
        pgCtl("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    /** SIGKILL of the postmaster, as the OOM killer does; the next start runs crash recovery. */
    void kill() throws IOException {
        ProcessHandle p = postmaster().orElseThrow(() -> new IOException(name + " is not running"));
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
    }

    /** Starts the server again with the settings it was first started with. */
    void start() throws IOException {
        if (running()) {
            return;
        }
        List<String> opts = new ArrayList<>(List.of("-p", String.valueOf(port()), "-F"));
        config.forEach((k, v) -> {
            opts.add("-c");
            opts.add(k + "=" + v);
        });
        pgCtl("-D", dataDir.toString(), "-o", String.join(" ", opts), "-l", dataDir.resolve("restart.log").toString(),
                "-w", "-t", "60", "start");
    }

    private void pgCtl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            // As root, PostgreSQL refuses to run; zonky starts it in a user namespace, and so do we.
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.add(bin.resolve("pg_ctl").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("pg_ctl " + String.join(" ", args) + " failed for " + name + ": " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running pg_ctl for " + name, e);
        }
    }

    /** Stops the server (zonky's pg_ctl stop; a server the process injector left stopped is just logged as such). */
    @Override
    public void close() throws IOException {
        pg.close();
    }
}
