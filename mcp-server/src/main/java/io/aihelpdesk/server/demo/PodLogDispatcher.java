package io.aihelpdesk.server.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's dispatcher for simulated clusters: pod logs (any tailLines, current or
 * previous) come from a map keyed {@code pod/container} or {@code pod/container/previous}, which the
 * owner may change at any time; everything else is CRUD.
 */
final class PodLogDispatcher extends KubernetesMixedDispatcher {
    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");
    private final Map<String, String> logs;

    PodLogDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses, Map<String, String> logs) {
        super(responses);
        this.logs = logs;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher m = LOG.matcher(request.getPath());
        if (!"GET".equals(request.getMethod()) || !m.matches()) {
            return super.dispatch(request);
        }
        Map<String, String> q = query(m.group(3));
        String key = m.group(2) + "/" + q.getOrDefault("container", "") + ("true".equals(q.get("previous")) ? "/previous" : "");
        String text = logs.get(key);
        if (text == null) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"message\":\"previous terminated container not found\",\"reason\":\"BadRequest\",\"code\":400}");
        }
        List<String> lines = text.lines().toList();
        int tail = Integer.parseInt(q.getOrDefault("tailLines", String.valueOf(lines.size())));
        List<String> last = lines.subList(Math.max(0, lines.size() - tail), lines.size());
        return new MockResponse().setResponseCode(200).setBody(last.isEmpty() ? "" : String.join("\n", last) + "\n");
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        if (q != null && q.length() > 1) {
            Arrays.stream(q.substring(1).split("&")).map(kv -> kv.split("=", 2)).filter(kv -> kv.length == 2)
                    .forEach(kv -> out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
        }
        return out;
    }
}
