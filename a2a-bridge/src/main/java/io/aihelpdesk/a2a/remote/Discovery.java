package io.aihelpdesk.a2a.remote;

import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The remote agents this server may delegate to, found as the original found them: the base URLs
 * of {@code HELPDESK_AGENT_URLS} (comma-separated), else the entries of the {@code agents.json} that
 * {@code HELPDESK_AGENTS_CONFIG} names ({@code [{name, url, description, use_cases}]}). Each card is
 * fetched (5 s); an agent whose card cannot be fetched is skipped and reported as unavailable.
 *
 * @param unavailable one line per skipped agent: its URL and why
 */
public record Discovery(List<RemoteAgent> agents, List<String> unavailable) {
    static final Duration CARD_TIMEOUT = Duration.ofSeconds(5);
    private static final String CARD = "/.well-known/agent-card.json";

    public Discovery {
        agents = List.copyOf(agents);
        unavailable = List.copyOf(unavailable);
    }

    public static Discovery none() {
        return new Discovery(List.of(), List.of());
    }

    /** From the environment; nothing configured → no remote agents. */
    public static Discovery fromEnvironment(UnaryOperator<String> env, HttpClient http) throws ConfigException {
        String urls = env.apply("HELPDESK_AGENT_URLS");
        if (urls != null && !urls.isBlank()) {
            List<Configured> configured = Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty())
                    .map(u -> new Configured(null, u, null, List.of())).toList();
            return discover(configured, http);
        }
        String file = env.apply("HELPDESK_AGENTS_CONFIG");
        if (file != null && !file.isBlank()) {
            return discover(agentsJson(Path.of(file)), http);
        }
        return none();
    }

    /**
     * One entry of agents.json (or a bare URL): the name, description and use cases may be absent;
     * {@code replaces} names one of our domain agents the remote one stands in for in the chat (or null).
     */
    record Configured(String name, String url, String description, List<String> useCases, String replaces) {
        Configured(String name, String url, String description, List<String> useCases) {
            this(name, url, description, useCases, null);
        }
    }

    /** The entries of an agents.json; every problem in it is reported at once. */
    /** Our domain agents a remote agent may replace in the chat. */
    static final List<String> REPLACEABLE = List.of("postgres_database_agent", "k8s_agent", "incident_agent");

    static List<Configured> agentsJson(Path file) throws ConfigException {
        String source = file + " (HELPDESK_AGENTS_CONFIG)";
        List<?> entries;
        try {
            entries = Json.mapper().readValue(Files.readString(file), List.class);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(source, List.of("cannot be read as JSON: " + e.getMessage()
                    + " — it must be an array of {\"name\", \"url\", \"description\", \"use_cases\": [...]}"));
        }
        List<Configured> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> m) || !(m.get("url") instanceof String url) || url.isBlank()) {
                problems.add("[" + i + "]: needs a \"url\" (the agent's base URL, where its .well-known/agent-card.json is)");
                continue;
            }
            List<String> uses = m.get("use_cases") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            Object replaces = m.get("replaces");
            if (replaces != null && !REPLACEABLE.contains(String.valueOf(replaces))) {
                problems.add("[" + i + "].replaces: must be one of " + String.join(", ", REPLACEABLE) + ", got '" + replaces + "'");
                continue;
            }
            out.add(new Configured(m.get("name") instanceof String n ? n : null, url,
                    m.get("description") instanceof String d ? d : null, uses, replaces == null ? null : replaces.toString()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return out;
    }

    static Discovery discover(List<Configured> configured, HttpClient http) {
        List<RemoteAgent> found = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (Configured c : configured) {
            String base = c.url().replaceAll("/+$", "").replaceAll(CARD.replace(".", "\\.") + "$", "");
            try {
                found.add(fromCard(c, base, fetchCard(base, http)));
            } catch (IOException | RuntimeException e) {
                down.add((c.name() == null ? "" : c.name() + " at ") + base + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                down.add(base + ": interrupted");
            }
        }
        return new Discovery(found, down);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetchCard(String base, HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + CARD)).timeout(CARD_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("its agent card answered HTTP " + r.statusCode());
        }
        return Json.mapper().readValue(r.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static RemoteAgent fromCard(Configured c, String base, Map<String, Object> card) {
        String rpc = null;
        String protocol = "0.3";
        if (card.get("supportedInterfaces") instanceof List<?> interfaces) {
            for (Object o : interfaces) {
                Map<String, Object> i = (Map<String, Object>) o;
                if ("JSONRPC".equalsIgnoreCase(String.valueOf(i.get("protocolBinding"))) && "1.0".equals(i.get("protocolVersion"))) {
                    rpc = String.valueOf(i.get("url"));
                    protocol = "1.0";
                    break;
                }
            }
        }
        if (rpc == null) {
            if (!(card.get("url") instanceof String url) || url.isBlank()) {
                throw new IllegalArgumentException("its agent card names no JSON-RPC URL");
            }
            rpc = url;
        }
        String name = c.name() != null ? c.name() : String.valueOf(card.getOrDefault("name", base));
        String description = c.description() != null ? c.description() : String.valueOf(card.getOrDefault("description", ""));
        List<String> uses = c.useCases();
        if (uses.isEmpty() && card.get("skills") instanceof List<?> skills) {
            uses = skills.stream().map(s -> String.valueOf(((Map<String, Object>) s).get("description"))).limit(20).toList();
        }
        return new RemoteAgent(name, base, rpc, protocol, description, uses, c.replaces());
    }
}
