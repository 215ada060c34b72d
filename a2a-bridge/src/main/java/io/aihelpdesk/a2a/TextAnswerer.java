package io.aihelpdesk.a2a;

import io.aihelpdesk.tools.Caller;

/**
 * Answers a free-text question — the orchestrator's chat (a language model, or the offline router)
 * as the server that mounts the bridge provides it. Every tool the answer needs runs governed as
 * {@code caller} under {@code traceId}; the bridge itself never runs a tool for a text part.
 */
@FunctionalInterface
public interface TextAnswerer {
    /**
     * @param agent the A2A agent that was asked ({@code postgres_database_agent}, …): a hint of the domain
     * @return the answer a person reads
     * @throws Exception when no answer could be produced; the task fails with the exception's message
     */
    String answer(String question, Caller caller, String traceId, String agent) throws Exception;

    /**
     * As {@link #answer(String, Caller, String, String)}, handing the answer to {@code tokens} piece
     * by piece as it is produced (a streaming request shows them as they come); the return value is
     * still the whole answer. By default nothing is streamed.
     */
    default String answer(String question, Caller caller, String traceId, String agent, java.util.function.Consumer<String> tokens)
            throws Exception {
        return answer(question, caller, traceId, agent);
    }
}
