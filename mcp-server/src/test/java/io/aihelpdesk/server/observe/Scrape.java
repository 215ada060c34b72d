package io.aihelpdesk.server.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code GET /metrics} over real HTTP, and the value of a sample in it (Prometheus text format). */
record Scrape(int status, String contentType, String text) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Scrape of(int port, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Scrape(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static Scrape of(int port) throws Exception {
        return of(port, null);
    }

    /**
     * The value of the sample {@code name} whose labels include every given {@code label="value"}
     * pair; 0 when there is none (a counter not yet incremented), and it fails when several match.
     */
    double value(String name, String... labels) {
        Double found = null;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
        while (m.find()) {
            String set = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String l : labels) {
                all &= set.contains(l + ",") || set.contains(l + "}");
            }
            if (all) {
                if (found != null) {
                    throw new AssertionError("several samples of " + name + " match " + String.join(" ", labels) + ":\n" + text);
                }
                found = Double.parseDouble(m.group(2));
            }
        }
        return found == null ? 0 : found;
    }
}
