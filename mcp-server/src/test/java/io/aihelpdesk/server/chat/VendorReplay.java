package io.aihelpdesk.server.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;

/**
 * A model vendor's HTTP API replayed by WireMock on a local port: the n-th request gets the n-th
 * recorded (status, body) — JSON, or Server-Sent Events when the body starts with {@code event:} or
 * {@code data:} — through a WireMock scenario (later requests get the last one); WireMock's request
 * journal gives each request's path, body and headers for assertions.
 */
final class VendorReplay implements AutoCloseable {
    private static final String SCENARIO = "conversation";
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private VendorReplay(List<Map.Entry<Integer, String>> script) {
        server.start();
        for (int i = 0; i < script.size(); i++) {
            String body = script.get(i).getValue();
            boolean sse = body.startsWith("event:") || body.startsWith("data:");
            var stub = any(anyUrl()).inScenario(SCENARIO).whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "turn " + i);
            if (i + 1 < script.size()) {
                stub = stub.willSetStateTo("turn " + (i + 1));
            }
            server.stubFor(stub.willReturn(aResponse().withStatus(script.get(i).getKey()).withBody(body)
                    .withHeader("Content-Type", sse ? "text/event-stream" : "application/json")
                    .withHeader("retry-after-ms", "10")));
        }
    }

    @SafeVarargs
    static VendorReplay of(Map.Entry<Integer, String>... script) {
        return new VendorReplay(List.of(script));
    }

    static Map.Entry<Integer, String> ok(String json) {
        return Map.entry(200, json);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The requests received, oldest first. */
    private List<LoggedRequest> requests() {
        List<LoggedRequest> all = new java.util.ArrayList<>(server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        java.util.Collections.reverse(all); // the journal lists the newest first
        return all;
    }

    List<String> paths() {
        return requests().stream().map(r -> java.net.URI.create(r.getUrl()).getPath()).toList();
    }

    List<String> bodies() {
        return requests().stream().map(LoggedRequest::getBodyAsString).toList();
    }

    String header(int request, String name) {
        HttpHeader h = requests().get(request).getHeaders().getHeader(name);
        return h.isPresent() ? h.firstValue() : null;
    }

    @Override
    public void close() {
        server.stop();
    }
}
