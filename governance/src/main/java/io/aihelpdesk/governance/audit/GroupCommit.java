package io.aihelpdesk.governance.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Serializes appends through one writer thread that commits up to {@code maxBatch} queued events
 * per transaction. A caller's future completes only after its batch committed, so acknowledged
 * means durable. If a batch fails, its events are retried one by one so one bad event (say, a
 * duplicate id) fails alone.
 */
final class GroupCommit implements AutoCloseable {

    /** Writes a batch in one transaction and returns its links in order, or throws having written nothing. */
    interface Writer {
        List<Appended> write(List<AuditEvent> events) throws SQLException;
    }

    private record Pending(AuditEvent event, CompletableFuture<Appended> done) {
    }

    private static final Pending STOP = new Pending(null, null);
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Writer writer;
    private final int maxBatch;
    private final String storeName;
    private final Thread thread;
    private volatile boolean closed;

    GroupCommit(String storeName, int maxBatch, Writer writer) {
        this.storeName = storeName;
        this.maxBatch = maxBatch;
        this.writer = writer;
        this.thread = new Thread(this::run, "audit-writer " + storeName);
        thread.setDaemon(true);
        thread.start();
    }

    Appended submit(AuditEvent event) {
        if (closed) {
            throw new IllegalStateException("audit store " + storeName + " is closed; event " + event.eventId()
                    + " was not recorded — open the store again before appending");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new AuditStoreException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditStoreException("interrupted while waiting for event " + event.eventId()
                    + " to commit; it may or may not be in the chain — query by event_id to find out", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stop = batch.remove(STOP);
            try {
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (Throwable fatal) { // an Error must not leave callers waiting forever
                batch.forEach(p -> p.done().completeExceptionally(fatal));
                throw fatal;
            }
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<Appended> links = writer.write(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(links.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(failure(batch.get(0).event(), e));
                return;
            }
            for (Pending one : batch) {
                commit(new ArrayList<>(List.of(one)));
            }
        }
    }

    private AuditStoreException failure(AuditEvent event, Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null ? " (" + sql.getSQLState() + ")" : "";
        return new AuditStoreException("event " + event.eventId() + " was not recorded in audit store " + storeName
                + ": " + e.getMessage() + state + " — nothing was acknowledged; fix the cause and append again", e);
    }

    /** Commits everything already queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending late; (late = queue.poll()) != null; ) {
            if (late != STOP) {
                late.done().completeExceptionally(new IllegalStateException("audit store " + storeName
                        + " closed before event " + late.event().eventId() + " was written; it is not in the chain"));
            }
        }
    }
}
