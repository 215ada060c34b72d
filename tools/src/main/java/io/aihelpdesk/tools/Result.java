package io.aihelpdesk.tools;

import java.util.Objects;

/**
 * What a handler returns: the structured data (a record whose schema is published as the tool's
 * output schema) and a one-line human summary that leads the text rendering.
 */
public record Result<R extends Record>(R data, String summary) {
    public Result {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(summary, "summary");
    }

    public static <R extends Record> Result<R> of(R data, String summary) {
        return new Result<>(data, summary);
    }
}
