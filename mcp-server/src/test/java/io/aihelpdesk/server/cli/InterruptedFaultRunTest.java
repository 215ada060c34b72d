package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.demo.DemoDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code helpdesk fault run} stopped by SIGTERM (Ctrl-C, a CI timeout) in the middle of a fault:
 * the fault is torn down, the lab's servers end and its directory is removed.
 */
class InterruptedFaultRunTest {
    @Test
    void an_interrupted_run_leaves_no_server_and_no_lab_directory_behind() throws Exception {
        Path tmp = Files.createTempDirectory("interrupted-run-");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main",
                "fault", "run", "--ids", "db-long-running-transaction", "--dir", tmp.resolve("no-lab").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("db-long-running-transaction: injecting")) {
                // the lab is starting
            }
            assertThat(line).as("the run reached the fault").isNotNull();
            Thread.sleep(3000); // the fault's session is open and sleeping now
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        String dir = tmp.toString();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false)).count())
                .as("processes still naming " + dir).isZero();
        try (var left = Files.list(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("aihelpdesk-lab-")).toList()).isEmpty();
        }
        DemoDatabase.deleteTree(tmp); // what the child JVM extracted there (embedded PostgreSQL binaries)
    }
}
