package io.aihelpdesk.server.gateway;

import io.aihelpdesk.tools.Caller;
import java.util.Map;

/**
 * One request as a route sees it: who asked (the authenticated caller, else anonymous with the
 * remote address), its trace id, the path variables, the query parameters and the JSON body.
 */
record Call(Caller caller, String traceId, Map<String, String> path, Map<String, String> query, Map<String, Object> body) {
}
