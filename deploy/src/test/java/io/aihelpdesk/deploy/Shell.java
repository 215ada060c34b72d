package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command with a clean HELPDESK_* environment, feeding stdin and collecting both outputs. */
final class Shell {
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private Shell() {
    }

    static Result run(List<String> command, Map<String, String> env, String stdin, int timeoutSeconds) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("HELPDESK_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        Result r = new Result(p.exitValue(), out.join(), err.join());
        assertThat(r.exit()).as("exit code of %s; output:%n%s", command, r.all()).isGreaterThanOrEqualTo(0);
        return r;
    }

    static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return run(command, env, null, 180);
    }

    static String path(Path p) {
        return p.toAbsolutePath().toString();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
