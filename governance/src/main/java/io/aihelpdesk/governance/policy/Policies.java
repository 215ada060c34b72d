package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The policy engine in force, reloaded when its file changes. The file is polled: each poll reads
 * it and compares the SHA-256 with the version in force (modification times are too coarse on
 * some file systems to notice two quick edits; policy files are small). A good edit swaps the
 * engine atomically; a bad edit keeps the previous engine, is reported once to the listener and
 * kept as {@link #lastError()} until a good version is in force again.
 */
public final class Policies implements AutoCloseable {
    private final Path file;
    private final Verdict defaultVerdict;
    private final boolean dryRun;
    private final UnaryOperator<String> env;
    private final Consumer<ConfigException> onRejected;
    private final AtomicReference<PolicyEngine> engine = new AtomicReference<>();
    private final ScheduledExecutorService timer;
    private volatile ConfigException lastError;
    private volatile String rejectedVersion;

    private Policies(Path file, Verdict defaultVerdict, boolean dryRun, UnaryOperator<String> env,
                     Consumer<ConfigException> onRejected) {
        this.file = file;
        this.defaultVerdict = defaultVerdict;
        this.dryRun = dryRun;
        this.env = env;
        this.onRejected = onRejected;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "policy-watcher " + file.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads {@code file} (failing if it is not valid now) and polls it every {@code interval}.
     *
     * @param onRejected told about each bad edit that is not put in force
     */
    public static Policies watch(Path file, Verdict defaultVerdict, boolean dryRun, Duration interval,
                                 Consumer<ConfigException> onRejected) throws ConfigException {
        Policies p = new Policies(file, defaultVerdict, dryRun, System::getenv, onRejected);
        p.engine.set(p.build(PolicyFile.read(file)));
        long ms = Math.max(1, interval.toMillis());
        p.timer.scheduleWithFixedDelay(p::poll, ms, ms, TimeUnit.MILLISECONDS);
        return p;
    }

    /** The engine in force now; take it once per request so one request sees one policy version. */
    public PolicyEngine engine() {
        return engine.get();
    }

    /** Why the latest edit of the file was rejected, while the file still holds that edit. */
    public Optional<ConfigException> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Stops polling; once this returns, the engine in force no longer changes. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PolicyEngine build(byte[] bytes) throws ConfigException {
        return new PolicyEngine(PolicyFile.parse(bytes, file.toString(), env), defaultVerdict, dryRun);
    }

    void poll() {
        try {
            byte[] bytes = PolicyFile.read(file);
            String version = PolicyFile.sha256(bytes);
            if (version.equals(engine.get().version())) {
                lastError = null;
                rejectedVersion = null;
                return;
            }
            if (version.equals(rejectedVersion)) {
                return;
            }
            rejectedVersion = version;
            engine.set(build(bytes));
            lastError = null;
            rejectedVersion = null;
        } catch (ConfigException e) {
            reject(e);
        } catch (RuntimeException e) {
            reject(new ConfigException(file.toString(), java.util.List.of(file + ": reload failed (" + e
                    + "); keeping policy version " + engine.get().version())));
        }
    }

    private void reject(ConfigException e) {
        boolean fresh = lastError == null || !lastError.getMessage().equals(e.getMessage());
        lastError = e;
        if (fresh) {
            try {
                onRejected.accept(e);
            } catch (RuntimeException listenerFailure) {
                // a failing listener must not stop the watcher; the error stays available in lastError()
            }
        }
    }
}
