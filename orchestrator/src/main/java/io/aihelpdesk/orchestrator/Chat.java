package io.aihelpdesk.orchestrator;

import java.util.function.UnaryOperator;

/**
 * How the chat answers: the banner a user sees first states it. This build has no language-model
 * support, so every chat is offline; with {@code HELPDESK_MODEL_VENDOR} set it says that the
 * setting is not used yet rather than pretending.
 */
public final class Chat {
    private Chat() {
    }

    /**
     * @param offline {@code --offline} was given
     * @param env     the environment ({@code System::getenv} in production)
     */
    public static String banner(boolean offline, UnaryOperator<String> env, int tools, int databases, String user) {
        String vendor = env.apply("HELPDESK_MODEL_VENDOR");
        String why = offline ? "--offline"
                : vendor == null || vendor.isBlank() ? "no language model configured"
                : "HELPDESK_MODEL_VENDOR=" + vendor + " is set, but this build cannot call language models yet";
        return "aiHelpDesk chat — OFFLINE (" + why + ").\n"
                + "Questions are routed by keywords to the diagnose triage and its playbooks; every call is governed and "
                + "audited as " + user + ".\n"
                + tools + " tools, " + databases + " database" + (databases == 1 ? "" : "s") + " in the inventory. /help for commands, /quit to leave.";
    }
}
