package io.aihelpdesk.server.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for the console tests: keeps the session cookie, sends forms with the Origin a
 * browser would send, and does not follow redirects (the tests look at them).
 */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String cookie;
    private String csrf;

    Browser(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        return remember(send(b));
    }

    /** A form POST from this console's own page (Origin = the server), with the session's CSRF token when one was seen. */
    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null && !fields.containsKey("csrf")) {
            fields.put("csrf", csrf);
        }
        return postRaw(path, fields, base);
    }

    /** A form POST exactly as given: {@code origin} null sends neither Origin nor Referer. */
    HttpResponse<String> postRaw(String path, Map<String, String> fields, String origin) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return remember(send(b));
    }

    HttpResponse<byte[]> download(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> signIn(String key) throws Exception {
        HttpResponse<String> r = post("/console/login", Map.of("api_key", key));
        if (r.statusCode() == 303) {
            get("/console/approvals"); // picks up the session's CSRF token
        }
        return r;
    }

    String csrf() {
        return csrf;
    }

    String cookie() {
        return cookie;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
        r.headers().allValues("Set-Cookie").forEach(c -> {
            String pair = c.split(";", 2)[0];
            cookie = pair.endsWith("=") ? null : pair;
        });
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }
}
