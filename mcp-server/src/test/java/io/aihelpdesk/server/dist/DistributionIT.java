package io.aihelpdesk.server.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution, as a user gets it: the launcher starts with the start-up archive trained at
 * package time, falls back to a per-user archive when moved, and the tarball carries what an install needs.
 * Runs after {@code package} (failsafe), with the JDK that built it.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("project.version");
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path DIST = TARGET.resolve("helpdesk-" + VERSION).resolve("helpdesk-" + VERSION);
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"dist-it\",\"version\":\"1\"}}}";

    @TempDir
    Path home;

    @Test
    void the_archive_trained_at_package_time_is_valid_for_this_jdk_and_used() throws Exception {
        String trained = Files.readString(DIST.resolve("lib/cds/trained"));
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = DIST.resolve(aot ? "lib/cds/helpdesk.aot" : "lib/cds/helpdesk.jsa");

        assertThat(trained).startsWith(DIST + " ").contains(System.getProperty("java.version"));
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        // Demanding the archive: the JVM refuses to start if it cannot map it.
        Start s = start(DIST, Map.of("HELPDESK_JAVA_OPTS", aot ? "-XX:AOTMode=on" : "-Xshare:on"));
        assertThat(s.answer()).contains("\"result\"").contains("\"serverInfo\"");
        System.out.printf("initialize answered %d ms after spawn (trained %s archive, Java %s)%n", s.millis(), aot ? "AOT" : "CDS",
                Runtime.version());
    }

    @Test
    void a_moved_distribution_falls_back_to_an_archive_in_the_user_cache() throws Exception {
        Path moved = home.resolve("elsewhere");
        copy(DIST, moved);
        Path cache = home.resolve("cache");

        Start first = start(moved, Map.of("HELPDESK_CACHE_DIR", cache.toString()));
        assertThat(first.answer()).contains("\"result\"");
        assertThat(first.stderr()).doesNotContain("error").doesNotContain("Error");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).anySatisfy(n -> assertThat(n).endsWith(".jsa"));
        }
        Start second = start(moved, Map.of("HELPDESK_CACHE_DIR", cache.toString()));
        assertThat(second.answer()).contains("\"result\"");
    }

    @Test
    void the_tarball_holds_the_launchers_and_jars_but_no_machine_specific_archive() throws Exception {
        Path tarball = TARGET.resolve("helpdesk-" + VERSION + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "tzvf", tarball.toString()).redirectErrorStream(true).start();
        List<String> entries = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(tar.waitFor()).isZero();

        String root = "helpdesk-" + VERSION + "/";
        assertThat(entries).anySatisfy(e -> assertThat(e).startsWith("-rwxr-xr-x").endsWith(root + "bin/helpdesk"));
        assertThat(entries).anySatisfy(e -> assertThat(e).startsWith("-rwxr-xr-x").endsWith(root + "bin/helpdesk-train"));
        assertThat(entries).anySatisfy(e -> assertThat(e).endsWith(root + "lib/aihelpdesk-mcp-server-" + VERSION + ".jar"));
        assertThat(entries).noneSatisfy(e -> assertThat(e).contains("/lib/cds"));
    }

    @Test
    void requests_written_before_input_ends_are_all_answered() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(DIST.resolve("bin/helpdesk").toString(), "mcp").redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("HELPDESK_"));
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((INITIALIZE + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"x3\",\"method\":\"prompts/list\"}\n").getBytes(StandardCharsets.UTF_8));
        } // stdin closed at once, as `printf … | helpdesk mcp` does
        List<String> answers = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\"");
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":["));
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"x3\",\"result\":{\"prompts\":["));
    }

    @Test
    void the_trainer_refuses_an_unknown_argument() throws Exception {
        Process p = new ProcessBuilder("bash", DIST.resolve("bin/helpdesk-train").toString(), "--frobnicate").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).contains("unknown argument '--frobnicate'");
    }

    private record Start(String answer, long millis, String stderr) {
    }

    /** Spawns {@code bin/helpdesk mcp} in a throw-away home, sends initialize, waits for the answer and for exit on EOF. */
    private Start start(Path dist, Map<String, String> env) throws Exception {
        Path err = Files.createTempFile(home, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/helpdesk").toString(), "mcp").redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HELPDESK_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String answer = out.readLine();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            in.close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits when stdin closes").isTrue();
            return new Start(String.valueOf(answer), millis, Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            Path dest = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertThat(Files.getPosixFilePermissions(to.resolve("bin/helpdesk"))).contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
