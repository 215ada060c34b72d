package io.aihelpdesk.tools.faults;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The undo actions of one injected fault, run last-in first-out. Every action runs even when an
 * earlier one fails; the failures are collected and reported together.
 */
public final class UndoStack {
    private final Deque<Named> actions = new ArrayDeque<>();

    private record Named(String what, Undo undo) {
    }

    public synchronized void push(String what, Undo undo) {
        actions.push(new Named(what, undo));
    }

    public synchronized boolean isEmpty() {
        return actions.isEmpty();
    }

    /** Runs every action; returns the failures as "what: message" (empty when all succeeded). */
    public List<String> unwind() {
        List<String> failures = new ArrayList<>();
        while (true) {
            Named n;
            synchronized (this) {
                n = actions.poll();
            }
            if (n == null) {
                return failures;
            }
            try {
                n.undo().run();
            } catch (Exception | Error e) {
                failures.add(n.what() + ": " + e.getMessage());
            }
        }
    }
}
