package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import java.util.List;

/** What answers a fault's question: the deterministic {@code diagnose} tool, or (later) the chat orchestrator. */
public interface Agent {
    String name();

    Answer answer(Fault fault) throws Exception;

    /**
     * The answer's text (scored), the tools it used, the category of its top finding (null when
     * none), and its findings above info severity as "category (severity)".
     */
    record Answer(String text, List<String> toolsUsed, String topCategory, List<String> alarming) {
        public Answer {
            toolsUsed = List.copyOf(toolsUsed);
            alarming = List.copyOf(alarming);
        }
    }
}
