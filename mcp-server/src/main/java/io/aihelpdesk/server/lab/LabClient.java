package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The CLI side of {@link LabControl}: finds a running lab by its state file and sends it commands. */
public final class LabClient {
    private final String url;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LabClient(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** The lab running from {@code dir}, if its state file exists and its process is alive. */
    public static Optional<LabClient> find(Path dir) throws IOException {
        Path state = dir.resolve(LabControl.STATE);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        Map<?, ?> s = Json.mapper().readValue(Files.readString(state), Map.class);
        long pid = ((Number) s.get("pid")).longValue();
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of(new LabClient(String.valueOf(s.get("url")), String.valueOf(s.get("token"))));
        }
        return Optional.empty();
    }

    /** Sends a command; returns the reply text, or throws with the lab's message when it failed. */
    public String send(String path, Map<String, String> query) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path, query), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the lab answered " + r.statusCode() + ": " + r.body().trim());
        }
        return r.body();
    }

    /** Runs faults in the lab, passing progress lines on; returns the report JSON. */
    public String run(Map<String, String> query, Consumer<String> progress) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> r = http.send(request("/run", query), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            if (r.statusCode() != 200) {
                throw new IOException("the lab answered " + r.statusCode() + ": " + in.readLine());
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("REPORT ")) {
                    return line.substring(7);
                }
                progress.accept(line);
            }
        }
        throw new IOException("the lab ended the run without a report");
    }

    private HttpRequest request(String path, Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(url + path + q)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }
}
