package io.aihelpdesk.orchestrator;

/** A model vendor's failure as one line: what happened and what to do. */
final class VendorError {
    private VendorError() {
    }

    static String explain(ModelSettings settings, Throwable e) {
        String all = chain(e);
        String what;
        if (all.contains("401") || all.contains("authentication_error") || all.contains("Unauthorized")) {
            what = "the API key was rejected (401) — check HELPDESK_API_KEY";
        } else if (all.contains("429") || all.contains("rate_limit")) {
            what = "rate limit or quota exceeded (429) after retries — wait and ask again, or check the account's limits";
        } else if (all.contains("404") || all.contains("not_found")) {
            what = "the model was not found (404) — check HELPDESK_MODEL_NAME";
        } else if (all.contains("timed out") || all.contains("Timeout")) {
            what = "the request timed out — the vendor is slow or unreachable; ask again";
        } else if (all.contains("UnknownHost") || all.contains("Connection refused") || all.contains("ConnectException")) {
            what = "the vendor endpoint could not be reached — check the network or HELPDESK_MODEL_BASE_URL";
        } else {
            what = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        return "MODEL ERROR (" + settings.vendor() + "/" + settings.model() + "): " + what
                + ". /quit and restart with --offline to use the keyword triage instead.";
    }

    private static String chain(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return s.toString();
    }
}
