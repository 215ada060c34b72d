package io.aihelpdesk.server.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation of the gateway: method and path template ({@code {name}} matches one segment), what
 * it does, and how it answers. The OpenAPI document is generated from the same list the servlet
 * dispatches on, so the two cannot drift apart.
 *
 * @param family when not null, {@code {tool}} ranges over this family's tools and the call is governed
 *               (the document lists one path per tool with that tool's input schema)
 * @param tool   a fixed governed tool this route runs (its input schema is the request body), or null
 */
record Route(String method, String template, String operationId, String summary, Family family, String tool, Action action) {

    /** What a route does with a call. */
    @FunctionalInterface
    interface Action {
        ApiResponse apply(Call call) throws java.io.IOException;
    }

    /** Whether the route runs a governed tool (its answers are the outcome statuses). */
    boolean governed() {
        return family != null || tool != null;
    }

    /** The path variables when {@code path} matches the template, else null. */
    Map<String, String> match(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}") && !got[i].isEmpty()) {
                vars.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return vars;
    }
}
