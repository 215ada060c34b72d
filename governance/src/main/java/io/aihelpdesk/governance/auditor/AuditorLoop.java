package io.aihelpdesk.governance.auditor;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails an {@link AuditStore}: every poll interval it reads the events after its cursor (oldest
 * first, at most {@value #MAX_PAGES} pages of {@value #PAGE} per tick, so a long backlog is worked
 * off over several ticks), feeds them to the {@link Auditor}, counts them and hands every alert to
 * the sinks; every verify interval it re-verifies the whole chain and reports a break once per
 * broken event. It starts at the beginning of the chain, so history is audited too.
 *
 * <p>One background thread; {@link #close()} stops it and waits for the current tick. A failing
 * store or sink is logged and the loop keeps going.
 */
public final class AuditorLoop implements AutoCloseable {
    static final int PAGE = 500;
    static final int MAX_PAGES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AuditorLoop.class);
    private final AuditStore store;
    private final Auditor auditor;
    private final AlertCounters counters;
    private final List<AlertSink> sinks;
    private final Duration pollInterval;
    private final Duration verifyInterval;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "auditor-loop");
        t.setDaemon(true);
        return t;
    });
    private String cursor;
    private Instant lastVerify;
    private String reportedBreak;
    private boolean started;

    public AuditorLoop(AuditStore store, Auditor auditor, AlertCounters counters, List<AlertSink> sinks,
            Duration pollInterval, Duration verifyInterval) {
        this(store, auditor, counters, sinks, pollInterval, verifyInterval, Clock.systemUTC());
    }

    AuditorLoop(AuditStore store, Auditor auditor, AlertCounters counters, List<AlertSink> sinks,
            Duration pollInterval, Duration verifyInterval, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.sinks = List.copyOf(sinks);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
        }
        this.pollInterval = pollInterval;
        this.verifyInterval = verifyInterval == null ? Duration.ZERO : verifyInterval;
        this.clock = clock;
    }

    /** Starts polling in the background; a second call does nothing. */
    public synchronized void start() {
        if (!started) {
            started = true;
            thread.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One poll (and a verification when due); what the background thread runs each interval. */
    synchronized void tick() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("auditor cannot read the audit store: {} — retrying in {} ms", e.getMessage(),
                    pollInterval.toMillis());
        }
        Instant now = clock.instant();
        if (!verifyInterval.isZero() && (lastVerify == null || !now.isBefore(lastVerify.plus(verifyInterval)))) {
            lastVerify = now;
            verify();
        }
    }

    /** Reads and audits the events after the cursor; returns how many were processed. */
    synchronized int poll() {
        int seen = 0;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            List<AuditEvent> page = store.query(AuditQuery.all().limit(PAGE).cursor(cursor));
            for (AuditEvent event : page) {
                counters.record(event);
                auditor.accept(event).forEach(this::deliver);
            }
            seen += page.size();
            if (!page.isEmpty()) {
                cursor = AuditQuery.all().limit(page.size()).next(page).cursor();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return seen;
    }

    /** Verifies the chain now; a break is delivered once per broken event, and returned. */
    synchronized Optional<Alert> verify() {
        Optional<Alert> alert;
        try {
            alert = auditor.checkChain(store);
        } catch (RuntimeException e) {
            LOG.warn("auditor cannot verify the audit chain: {}", e.getMessage());
            return Optional.empty();
        }
        if (alert.isPresent() && !Objects.equals(alert.get().eventId(), reportedBreak)) {
            reportedBreak = alert.get().eventId();
            deliver(alert.get());
        }
        return alert;
    }

    private void deliver(Alert alert) {
        counters.send(alert);
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
            } catch (RuntimeException e) {
                LOG.warn("alert sink {} failed on {} {}: {}", sink.getClass().getSimpleName(), alert.rule(),
                        alert.eventId(), e.toString());
            }
        }
    }

    /** Stops polling and waits up to 10 s for the current tick; the store stays open (the caller owns it). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("auditor loop did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
