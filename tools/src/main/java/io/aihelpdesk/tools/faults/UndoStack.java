package io.aihelpdesk.tools.faults;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The undo actions of one injected fault, run last-in first-out. Every action runs even when an
 * earlier one fails; the failures are collected and reported together. Once unwound (a teardown
 * that raced an injection still in progress, e.g. on Ctrl-C), an action pushed later runs at once:
 * a change made after the teardown began is undone, not forgotten.
 */
public final class UndoStack {
    private final Deque<Named> actions = new ArrayDeque<>();
    private boolean unwound;

    private record Named(String what, Undo undo) {
    }

    public void push(String what, Undo undo) {
        synchronized (this) {
            if (!unwound) {
                actions.push(new Named(what, undo));
                return;
            }
        }
        try {
            undo.run();
        } catch (Exception | Error e) {
            System.err.println("undo after teardown: " + what + ": " + e.getMessage());
        }
    }

    public synchronized boolean isEmpty() {
        return actions.isEmpty();
    }

    /** Runs every action; returns the failures as "what: message" (empty when all succeeded). */
    public List<String> unwind() {
        List<String> failures = new ArrayList<>();
        synchronized (this) {
            unwound = true;
        }
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
