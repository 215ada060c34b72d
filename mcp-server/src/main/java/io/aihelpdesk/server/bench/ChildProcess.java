package io.aihelpdesk.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code helpdesk} subcommand in a child process, started the way users start it: through the
 * distribution's launcher ({@code bin/helpdesk} next to the {@code lib/} this code was loaded from)
 * when this process runs from a distribution, else with this JVM and this classpath. (Not through
 * {@code -Dhelpdesk.launcher}: that may be the repository's wrapper script, which rebuilds first.)
 */
public final class ChildProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
    private final Process process;

    private ChildProcess(Process process) {
        this.process = process;
    }

    /** The command line that runs {@code helpdesk <args>}. */
    public static List<String> command(List<String> args) {
        return command(List.of(), args);
    }

    /** The same with JVM options (passed in HELPDESK_JAVA_OPTS to the launcher, see {@link #start}). */
    private static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        Path launcher = launcher();
        if (launcher != null) {
            cmd.add(launcher.toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main"));
        }
        cmd.addAll(args);
        return cmd;
    }

    /** The distribution's {@code bin/helpdesk}, or null when this code does not run from a distribution. */
    private static Path launcher() {
        try {
            Path jar = Path.of(ChildProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path bin = jar.getParent() != null && jar.getParent().getFileName().toString().equals("lib")
                    ? jar.getParent().resolveSibling("bin").resolve("helpdesk") : null;
            return bin != null && Files.isRegularFile(jar) && Files.isExecutable(bin) ? bin : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** How children are started, for the report. */
    public static String how() {
        Path launcher = launcher();
        return launcher != null ? "the distribution's launcher bin/helpdesk"
                : "java -cp <this classpath> (no launcher: started from a build or a test)";
    }

    private static ProcessBuilder start(List<String> jvmOptions, List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(command(jvmOptions, args));
        if (launcher() != null && !jvmOptions.isEmpty()) {
            String before = System.getenv("HELPDESK_JAVA_OPTS");
            pb.environment().put("HELPDESK_JAVA_OPTS", (before == null ? "" : before + " ") + String.join(" ", jvmOptions));
        }
        return pb;
    }

    /**
     * Runs {@code helpdesk --version} once and waits for it: the launcher's first start on a JDK 17
     * creates its class-data archive (a training run of several seconds), which must not be timed.
     */
    public static void prime() throws IOException, InterruptedException {
        Process p = start(List.of(), List.of("--version")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("helpdesk --version did not finish within 180 s (" + how() + ")");
        }
    }

    /** {@code helpdesk mcp …}: stdin/stdout are the protocol, stderr is discarded. */
    public static ChildProcess stdio(List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("mcp"));
        all.addAll(args);
        return new ChildProcess(start(List.of(), all).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** {@code helpdesk serve --port 0 …}; returns once it printed its port (stderr is drained afterwards). */
    public static ChildProcess serve(List<String> args, long timeoutMs) throws IOException {
        return serve(List.of(), args, timeoutMs);
    }

    /** The same with JVM options such as {@code -Xmx256m}. */
    public static ChildProcess serve(List<String> jvmOptions, List<String> args, long timeoutMs) throws IOException {
        List<String> all = new ArrayList<>(List.of("serve", "--bind", "127.0.0.1", "--port", "0"));
        all.addAll(args);
        ChildProcess child = new ChildProcess(start(jvmOptions, all).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        child.awaitPort(timeoutMs);
        return child;
    }

    private int port = -1;

    private void awaitPort(long timeoutMs) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Integer> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        try {
            port = found.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            port = -1;
        }
        if (port < 0) {
            process.destroyForcibly();
            synchronized (seen) {
                throw new IOException("helpdesk serve did not report its port within " + timeoutMs + " ms; its output:\n" + seen);
            }
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException ignored) {
                // the child exited
            }
        }, "helpdesk-serve-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** The HTTP port of a {@link #serve} child. */
    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Resident memory of the child and of its own children (the launcher's JVM under its shell). */
    public ProcessMemory memory() {
        ProcessMemory own = ProcessMemory.of(process.pid());
        return process.toHandle().descendants().map(h -> ProcessMemory.of(h.pid()))
                .reduce(own, (a, b) -> new ProcessMemory(Math.max(a.peakMb(), b.peakMb()), Math.max(a.currentMb(), b.currentMb())));
    }

    /** Live threads of the child's JVM ({@code Threads:} of /proc; -1 elsewhere). */
    public int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** SIGKILL, as the OOM killer does. */
    public void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
