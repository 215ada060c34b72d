package io.aihelpdesk.tools;

/**
 * The code behind a tool. Handlers receive already validated parameters and a context holding the
 * capabilities bound to the resolved target; they never see raw arguments or other targets.
 */
@FunctionalInterface
public interface ToolHandler<P extends Record, R extends Record> {
    Result<R> handle(P params, ToolContext context) throws Exception;
}
