package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files, errors and cuts of one bundle while its layers are collected, and the deadline they
 * share. Every text is redacted on the way in, so nothing unmasked is ever held for writing.
 * Layers run one after another on the handler's thread; this class is not thread-safe.
 */
final class BundleContents {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Long> masked = new LinkedHashMap<>();
    private final List<Manifest.ItemError> errors = new ArrayList<>();
    private final List<Manifest.ItemError> notInstalled = new ArrayList<>();
    private final List<String> cut = new ArrayList<>();
    private final Set<String> tools = new LinkedHashSet<>();
    private final Redaction redaction;
    private final long deadlineNanos;

    BundleContents(Redaction redaction, long deadlineNanos) {
        this.redaction = redaction;
        this.deadlineNanos = deadlineNanos;
    }

    /** Adds a text file (redacted). A path added twice keeps the last content. */
    void text(String path, String content) {
        String safe = redaction.apply(content == null ? "" : content);
        long n = redaction.count(safe);
        if (n > 0) {
            masked.put(path, n);
        } else {
            masked.remove(path);
        }
        files.put(path, safe.getBytes(StandardCharsets.UTF_8));
    }

    void json(String path, Object value) {
        text(path, Json.writePretty(value) + "\n");
    }

    /** Records a failed item and writes its error into the bundle as {@code <item>.error.txt}. */
    void error(String item, String message) {
        String safe = redaction.apply(message);
        errors.add(new Manifest.ItemError(item, safe));
        text(item + ".error.txt", "ERROR: " + message + "\n");
    }

    /** Records a command that is not installed here (not an error: collection goes on). */
    void notInstalled(String item, String message) {
        notInstalled.add(new Manifest.ItemError(item, redaction.apply(message)));
        text(item + ".txt", "not installed: " + message + "\n");
    }

    void cut(String item) {
        cut.add(item);
    }

    void ranTool(String tool) {
        tools.add(tool);
    }

    /** True once the time budget is spent; collectors check before each item. */
    boolean expired() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** Milliseconds left in the budget (0 when spent). */
    long remainingMs() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    Map<String, byte[]> files() {
        return files;
    }

    Map<String, Long> masked() {
        return masked;
    }

    List<Manifest.ItemError> errors() {
        return errors;
    }

    List<Manifest.ItemError> notInstalled() {
        return notInstalled;
    }

    List<String> cutItems() {
        return cut;
    }

    List<String> tools() {
        return List.copyOf(tools);
    }
}
