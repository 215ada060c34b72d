import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * secbot: a security bot that follows aiHelpDesk's audit chain and, on a security alert, asks the
 * REST gateway for an incident bundle — at most one per cooldown.
 *
 * <p>It polls {@code GET /v1/events} (oldest first, from when it started or {@code --since}) and
 * {@code GET /v1/verify}, and raises the original secbot's alerts with the definitions of the server's
 * own auditor ({@code helpdesk auditor}):
 * <ul>
 * <li>{@code hash_mismatch} — the chain no longer verifies (409 from /v1/verify), once per broken event;
 * <li>{@code unauthorized_destructive} — a destructive tool about to run (a {@code tool_execution}
 *     intent) whose trace holds no approving {@code approval_decided}/{@code approval_resolved} event
 *     (policy auto-approvals and break glass do not count);
 * <li>{@code potential_sql_injection} — a call refused by the read-only statement guard
 *     ({@code query_refused}), a SQL syntax error, or a denied/invalid/failed call whose arguments look
 *     like SQL injection ({@code ; DROP}, {@code UNION SELECT}, {@code ' OR '1'='1}, comments, pg_sleep…);
 * <li>{@code potential_command_injection} — "command not found", or a refused call whose arguments carry
 *     shell metacharacters ({@code $(}, backticks, {@code ; rm}, {@code | sh}…);
 * <li>{@code high_volume} — more than {@code --max-events-per-minute} events of one principal within 60 s,
 *     once per burst (events of nested calls — a bundle's, a triage's — do not count).
 * </ul>
 * Outside the cooldown an alert becomes {@code POST /api/v1/incidents} (with a callback to
 * {@code --listen} when given); inside it, it is only printed. {@code --dry-run} prints the request instead.
 * Events of the bot's own bundle requests (its {@code tr_secbot_} traces) are ignored.
 *
 * <p>A single-file program (JEP 330), JDK 17+ only:
 * {@code java examples/secbot/SecBot.java --gateway http://127.0.0.1:8080 --dry-run}.
 * Exit status: 0 stopped normally ({@code --once}), 1 the gateway failed, 2 bad flags.
 */
public final class SecBot {
    private static final PrintStream OUT = System.out;
    static final Pattern SQL_INJECTION = Pattern.compile("(?is)(;\\s*(drop|delete|update|insert|alter|truncate|create|grant|revoke|copy)\\b"
            + "|\\bunion\\s+(all\\s+)?select\\b|'\\s*or\\s+'?[\\w]*'?\\s*=\\s*'?[\\w]*|--\\s*$|/\\*|\\bpg_sleep\\s*\\(|\\bpg_read_file\\b"
            + "|\\bcopy\\b.*\\bprogram\\b|\\binto\\s+outfile\\b|\\bxp_cmdshell\\b)");
    static final Pattern COMMAND_INJECTION = Pattern.compile("(\\$\\(|`|;\\s*(rm|curl|wget|sh|bash|nc|cat)\\b|\\|\\s*(sh|bash)\\b|&&\\s*\\w)");
    static final Set<String> APPROVING = Set.of("approved", "approve", "allow", "granted");
    private static final String OWN_TRACE = "tr_secbot_";

    private final Options o;
    private final Gateway gateway;
    private final Receiver receiver;
    /** Traces whose destructive calls were approved, and traces already alerted, bounded. */
    private final Set<String> approved = bounded();
    private final Set<String> alertedTraces = bounded();
    private final Map<String, Deque<Instant>> volume = new LinkedHashMap<>();
    private final Set<String> inBurst = new HashSet<>();
    private String reportedBreak;
    private Instant lastBundle;
    private int bundles;

    private SecBot(Options o, Receiver receiver) {
        this.o = o;
        this.gateway = new Gateway(o.gateway, o.apiKey, o.apiKeyEnv);
        this.receiver = receiver;
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("secbot: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            OUT.println(Options.USAGE);
            return;
        }
        Receiver receiver = null;
        try {
            receiver = o.listen == null ? null : Receiver.start(o.listen, o.gateway);
            new SecBot(o, receiver).run();
            System.exit(0);
        } catch (Failure e) {
            System.err.println("secbot: FAILED — " + e.getMessage());
            System.exit(e.exit);
        } finally {
            if (receiver != null) {
                receiver.stop();
            }
        }
    }

    void run() throws Failure {
        OUT.printf("secbot: following %s/v1/events from %s, cooldown %ds, max %d events/min per principal%s%s%s%n", o.gateway,
                o.since, o.cooldown.toSeconds(), o.maxPerMinute, o.dryRun ? ", DRY RUN" : "",
                receiver == null ? "" : ", callbacks on " + receiver.url(), o.apiKey == null ? "" : ", API key from $" + o.apiKeyEnv);
        String cursor = null;
        int skip = 0;
        long lastVerify = 0;
        while (true) {
            if (System.nanoTime() - lastVerify >= o.verifyEvery.toNanos() || lastVerify == 0) {
                verify();
                lastVerify = System.nanoTime();
            }
            Map<String, Object> page = gateway.events(o.since, cursor, o.pageSize);
            List<Object> events = Json.list(page.get("events"));
            for (int i = skip; i < events.size(); i++) {
                accept(Json.map(events.get(i)));
            }
            Object next = page.get("next_cursor");
            if (next instanceof String c) {
                cursor = c; // a full page: continue at once after it
                skip = 0;
                continue;
            }
            skip = events.size(); // a short page: ask again from the same cursor, past what was seen
            if (o.once) {
                if (receiver != null && bundles > 0) {
                    receiver.await(o.callbackWait);
                }
                OUT.printf("secbot: --once: done, %d bundle%s %s%n", bundles, bundles == 1 ? "" : "s", o.dryRun ? "announced" : "requested");
                return;
            }
            sleep(o.poll);
        }
    }

    /** GET /v1/verify: a broken chain is a CRITICAL alert, once per broken event. */
    private void verify() throws Failure {
        Gateway.Reply r = gateway.get("/v1/verify");
        if (r.status() == 200) {
            return;
        }
        if (r.status() != 409) {
            throw new Failure(1, "GET /v1/verify answered HTTP " + r.status() + ": " + r.body());
        }
        String at = String.valueOf(r.json().get("broken_at"));
        if (!at.equals(reportedBreak)) {
            reportedBreak = at;
            alert("CRITICAL", "hash_mismatch", at, null, null, "audit chain broken at " + at + ": " + r.json().get("error")
                    + " — the audit store was modified outside the server");
        }
    }

    /** One event, in chain order. */
    void accept(Map<String, Object> e) throws Failure {
        String type = String.valueOf(e.get("event_type"));
        String trace = e.get("trace_id") instanceof String t ? t : null;
        if (trace != null && trace.startsWith(OWN_TRACE)) {
            return;
        }
        String id = String.valueOf(e.get("event_id"));
        String who = principal(e);
        volume(e, id, trace, who);
        Map<String, Object> decision = Json.map(e.get("decision"));
        Map<String, Object> tool = Json.map(e.get("tool"));
        Map<String, Object> outcome = Json.map(e.get("outcome"));
        String toolName = String.valueOf(tool.get("name"));
        if ((type.equals("approval_decided") || type.equals("approval_resolved")) && trace != null && approves(decision)) {
            approved.add(trace);
        }
        if (type.equals("tool_execution") && !e.containsKey("outcome") && "destructive".equals(e.get("action_class"))
                && (trace == null || !approved.contains(trace))) {
            alert("CRITICAL", "unauthorized_destructive", id, trace, who, "destructive tool " + toolName + " is running for " + who
                    + " without an approval in trace " + trace + " — make the policy require approval for destructive actions");
            return;
        }
        String status = String.valueOf(outcome.get("status"));
        if (outcome.isEmpty() || status.equals("success") || status.equals("pending_approval")) {
            return;
        }
        Object message = outcome.get("error_message") != null ? outcome.get("error_message") : tool.get("error");
        String error = message == null ? "" : message.toString();
        String args = Json.write(tool.get("parameters"));
        List<String> values = new ArrayList<>();
        strings(tool.get("parameters"), values);
        String lower = error.toLowerCase(Locale.ROOT);
        boolean refusedCall = status.equals("denied") || status.equals("invalid") || status.equals("error");
        if (lower.contains("(query_refused)") || lower.contains("syntax error") && lower.contains("sql")
                || refusedCall && values.stream().anyMatch(v -> SQL_INJECTION.matcher(v).find())) {
            if (trace == null || alertedTraces.add(trace + "/sql")) {
                alert("CRITICAL", "potential_sql_injection", id, trace, who, toolName + " by " + who + " was " + status
                        + " with arguments " + clip(args, 200) + ": " + clip(error.strip(), 200));
            }
        } else if (lower.contains("command not found") || refusedCall && values.stream().anyMatch(v -> COMMAND_INJECTION.matcher(v).find())) {
            if (trace == null || alertedTraces.add(trace + "/cmd")) {
                alert("CRITICAL", "potential_command_injection", id, trace, who, toolName + " by " + who + " was " + status
                        + " with arguments " + clip(args, 200) + ": " + clip(error.strip(), 200));
            }
        }
    }

    /**
     * high_volume: more than the limit of one principal's events within any 60 s of event time; once per burst.
     * The calls a tool makes on the caller's behalf (an incident bundle's or a triage's nested calls, door
     * {@code nested:…}) do not count: one bundle alone chains some 200 events.
     */
    private void volume(Map<String, Object> e, String id, String trace, String who) throws Failure {
        if (o.maxPerMinute <= 0 || !(e.get("timestamp") instanceof String ts)
                || String.valueOf(Json.map(e.get("tool")).get("agent")).startsWith("aihelpdesk/nested:")) {
            return;
        }
        Instant at = Instant.parse(ts);
        Deque<Instant> window = volume.computeIfAbsent(who, k -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().isAfter(at.minusSeconds(60))) {
            window.pollFirst();
        }
        window.addLast(at);
        if (window.size() <= o.maxPerMinute) {
            inBurst.remove(who);
        } else if (inBurst.add(who)) {
            alert("CRITICAL", "high_volume", id, trace, who, window.size() + " audit events of " + who + " within 60 s exceed the limit of "
                    + o.maxPerMinute + " per minute — check for a runaway agent");
        }
    }

    /** Prints the alert and, outside the cooldown, asks for a bundle (or says what it would ask, with --dry-run). */
    private void alert(String level, String rule, String eventId, String trace, String who, String message) throws Failure {
        OUT.printf("ALERT %s %s %s%s: %s%n", level, rule, eventId, trace == null ? "" : " trace " + trace, message);
        Instant now = Instant.now();
        if (lastBundle != null && now.isBefore(lastBundle.plus(o.cooldown))) {
            OUT.printf("  cooldown: no bundle for %s (the last was %s %ds ago; cooldown %ds)%n", rule, o.dryRun ? "announced" : "requested",
                    Duration.between(lastBundle, now).toSeconds(), o.cooldown.toSeconds());
            return;
        }
        lastBundle = now;
        bundles++;
        String bundleTrace = OWN_TRACE + now.toEpochMilli();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("infra_key", o.infraKey);
        body.put("description", "security incident: " + rule + " — " + clip(message, 400));
        if (o.conn != null) {
            body.put("connection_string", o.conn);
        }
        if (o.layers != null) {
            body.put("layers", o.layers);
        }
        if (receiver != null) {
            body.put("callback_url", receiver.url());
        }
        String json = Json.write(body);
        if (o.dryRun) {
            OUT.printf("  DRY RUN: would POST %s/api/v1/incidents %s%n", o.gateway, json);
            return;
        }
        long t = System.nanoTime();
        Gateway.Reply r = gateway.post("/api/v1/incidents", json, bundleTrace);
        if (r.status() != 200) {
            System.err.printf("secbot: the bundle for %s was refused: HTTP %d %s%n", rule, r.status(), clip(r.body(), 400));
            return;
        }
        Map<String, Object> result = Json.map(r.json().get("result"));
        OUT.printf("  bundle: incident %s written to %s (trace %s, %d ms)%n", result.get("incident_id"), result.get("bundle_path"),
                bundleTrace, (System.nanoTime() - t) / 1_000_000);
    }

    /** Every string inside a parameters tree, where injection would hide. */
    static void strings(Object value, List<String> out) {
        if (value instanceof String str) {
            out.add(str);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> strings(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> strings(v, out));
        }
    }

    static boolean approves(Map<String, Object> decision) {
        return Boolean.TRUE.equals(decision.get("approved")) || APPROVING.contains(String.valueOf(decision.get("status")))
                || APPROVING.contains(String.valueOf(decision.get("effect")));
    }

    private static String principal(Map<String, Object> e) {
        Object id = Json.map(e.get("principal")).get("id");
        return id == null ? "unknown principal" : id.toString();
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Set<String> bounded() {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<String, Boolean>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 10_000;
            }
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bot cannot go on: why, and the exit status. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** The command line, with the original's flags and defaults. */
    static final class Options {
        static final String USAGE = """
                usage: java examples/secbot/SecBot.java [flags]
                  --gateway URL                aiHelpDesk server (default http://localhost:8080; env HELPDESK_GATEWAY_URL)
                  --infra-key KEY              infra key of the bundles (default security-incident)
                  --conn ID                    also collect this database's layer (default: none; host layers only)
                  --layers LIST                bundle layers, e.g. os,storage (default: every layer that applies)
                  --cooldown DUR               at most one bundle per cooldown (default 5m)
                  --max-events-per-minute N    high_volume above N events of one principal within 60 s, nested calls
                                               not counted (default 100; 0 = off)
                  --since TIME                 follow from an instant (2026-11-25T10:00:00Z) or a while ago (10m); default now
                  --poll DUR                   how often to read new events (default 2s)
                  --verify-every DUR           how often to verify the chain (default 30s)
                  --listen ADDR                receive bundle callbacks on host:port or :port (e.g. :9091); default none
                  --dry-run                    print the bundle request instead of sending it
                  --once                       read what is there, verify once, and exit
                  --api-key-env NAME           environment variable holding the API key (default HELPDESK_SERVER_API_KEY)
                exit status: 0 stopped normally (--once), 1 the server failed, 2 bad flags""";
        String gateway = env("HELPDESK_GATEWAY_URL", "http://localhost:8080");
        String infraKey = "security-incident";
        String conn;
        String layers;
        Duration cooldown = Duration.ofMinutes(5);
        int maxPerMinute = 100;
        Instant since = Instant.now().minusSeconds(5);
        Duration poll = Duration.ofSeconds(2);
        Duration verifyEvery = Duration.ofSeconds(30);
        Duration callbackWait = Duration.ofSeconds(30);
        String listen;
        boolean dryRun;
        boolean once;
        String apiKeyEnv = "HELPDESK_SERVER_API_KEY";
        String apiKey;
        int pageSize = 200;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String name = a.replaceFirst("^--?", "");
                String value = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                switch (name) {
                    case "help", "h" -> {
                        return null;
                    }
                    case "dry-run" -> o.dryRun = true;
                    case "once" -> o.once = true;
                    default -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException("flag " + a + " needs a value");
                            }
                            value = args[++i];
                        }
                        o.set(name, value, a);
                    }
                }
            }
            o.gateway = o.gateway.replaceAll("/+$", "");
            if (!o.gateway.startsWith("http://") && !o.gateway.startsWith("https://")) {
                throw new IllegalArgumentException("--gateway must be an http:// or https:// URL, got '" + o.gateway + "'");
            }
            String key = System.getenv(o.apiKeyEnv);
            o.apiKey = key == null || key.isBlank() ? null : key;
            return o;
        }

        private void set(String name, String value, String flag) {
            switch (name) {
                case "gateway" -> gateway = value;
                case "infra-key" -> infraKey = value;
                case "conn" -> conn = value;
                case "layers" -> layers = value;
                case "cooldown" -> cooldown = duration(flag, value);
                case "max-events-per-minute" -> {
                    try {
                        maxPerMinute = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
                    }
                }
                case "since" -> since = value.matches("\\d+(ms|s|m|h)?") ? Instant.now().minus(duration(flag, value)) : instant(flag, value);
                case "poll" -> poll = positive(flag, duration(flag, value));
                case "verify-every" -> verifyEvery = positive(flag, duration(flag, value));
                case "listen" -> listen = value;
                case "api-key-env" -> apiKeyEnv = value;
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }

        private static Instant instant(String flag, String value) {
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(flag + " must be an instant such as 2026-11-25T10:00:00Z or a duration such as 10m, got '"
                        + value + "'");
            }
        }

        private static Duration positive(String flag, Duration d) {
            if (d.isZero()) {
                throw new IllegalArgumentException(flag + " must be more than zero");
            }
            return d;
        }

        /** "5m", "30s", "1h", "500ms" or plain seconds. */
        static Duration duration(String flag, String s) {
            java.util.regex.Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(s.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(flag + " must be a duration such as 5m, 30s or 500ms, got '" + s + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }

    /** The server: the audit API and the REST gateway, with the bearer key on every request. */
    static final class Gateway {
        private final String base;
        private final String apiKey;
        private final String apiKeyEnv;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Gateway(String base, String apiKey, String apiKeyEnv) {
            this.base = base;
            this.apiKey = apiKey;
            this.apiKeyEnv = apiKeyEnv;
        }

        record Reply(int status, String body, Map<String, Object> json) {
        }

        Map<String, Object> events(Instant since, String cursor, int limit) throws Failure {
            String q = "/v1/events?limit=" + limit + "&since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Reply r = get(q);
            if (r.status() != 200) {
                throw new Failure(1, "GET /v1/events answered HTTP " + r.status() + ": " + clip(r.body(), 300));
            }
            return r.json();
        }

        Reply get(String path) throws Failure {
            return send(request(path, null).GET().build(), Duration.ofSeconds(30));
        }

        Reply post(String path, String json, String trace) throws Failure {
            return send(request(path, trace).POST(HttpRequest.BodyPublishers.ofString(json)).build(), Duration.ofMinutes(11));
        }

        private HttpRequest.Builder request(String path, String trace) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .header("Content-Type", "application/json");
            if (trace != null) {
                b.header("X-Trace-ID", trace);
            }
            return apiKey == null ? b : b.header("Authorization", "Bearer " + apiKey);
        }

        private Reply send(HttpRequest req, Duration timeout) throws Failure {
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(req, (n, v) -> true).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new Failure(1, "cannot reach " + base + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + ") — is `helpdesk serve` running there?");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(1, "interrupted");
            }
            if (r.statusCode() == 401) {
                throw new Failure(1, req.method() + " " + req.uri().getPath() + " was refused " + (apiKey == null ? "without an API key"
                        : "with the API key in $" + apiKeyEnv) + " (HTTP 401) — export a valid key in $" + apiKeyEnv
                        + " (one whose role may read the audit trail and write bundles) or name another variable with --api-key-env");
            }
            Map<String, Object> json;
            try {
                json = Json.map(Json.parse(r.body()));
            } catch (IllegalArgumentException e) {
                json = Map.of();
            }
            return new Reply(r.statusCode(), r.body(), json);
        }
    }

    /** Receives bundle callbacks on /callback and prints them. */
    static final class Receiver {
        private final HttpServer server;
        private final String host;
        private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();

        private Receiver(HttpServer server, String host) {
            this.server = server;
            this.host = host;
        }

        /** @param gateway the server, to find this host's address on the route to it when {@code listen} names no host */
        static Receiver start(String listen, String gateway) throws Failure {
            int colon = listen.lastIndexOf(':');
            String host = colon <= 0 ? "" : listen.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(listen.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Failure(2, "--listen must be host:port or :port, got '" + listen + "'");
            }
            HttpServer server;
            try {
                server = HttpServer.create(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port), 8);
            } catch (IOException e) {
                throw new Failure(1, "cannot listen for callbacks on " + listen + ": " + e.getMessage() + " — pick another --listen");
            }
            if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
                host = outboundAddress(URI.create(gateway).getHost());
            }
            Receiver r = new Receiver(server, host);
            server.createContext("/callback", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                Map<String, Object> result = Json.map(Json.parse(new String(body, StandardCharsets.UTF_8)));
                r.received.incrementAndGet();
                OUT.printf("  callback: incident %s, bundle %s%n", result.get("incident_id"), result.get("bundle_path"));
            });
            server.start();
            return r;
        }

        /** The local address a packet to {@code target} would leave from (no packet is sent). */
        static String outboundAddress(String target) {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
                java.net.InetAddress remote = java.net.InetAddress.getByName(target);
                if (remote.isLoopbackAddress()) {
                    return remote.getHostAddress();
                }
                s.connect(remote, 9);
                return s.getLocalAddress().getHostAddress();
            } catch (IOException e) {
                return "127.0.0.1";
            }
        }

        String url() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort() + "/callback";
        }

        /** Waits until at least one callback arrived, at most {@code d}. */
        void await(Duration d) {
            long end = System.nanoTime() + d.toNanos();
            while (received.get() == 0 && System.nanoTime() < end) {
                sleep(Duration.ofMillis(100));
            }
        }

        void stop() {
            server.stop(0);
        }
    }

    /** Just enough JSON: a strict parser to Map/List/String/Long/Double/Boolean/null, and a writer. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no JSON");
            }
            Json p = new Json(text);
            Object v = p.value();
            p.space();
            if (p.i != text.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object o) {
            return o instanceof Map ? (Map<String, Object>) o : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) {
            return o instanceof List ? (List<Object>) o : List.of();
        }

        /** The value at a path of object keys, or null. */
        static Object at(Map<String, Object> root, String... keys) {
            Object cur = root;
            for (String k : keys) {
                if (!(cur instanceof Map)) {
                    return null;
                }
                cur = map(cur).get(k);
            }
            return cur;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        space();
                        if (i >= s.length() || s.charAt(i) != '"') {
                            throw error("expected a string key");
                        }
                        String k = string();
                        space();
                        expect(':');
                        m.put(k, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            try {
                return n.matches("-?\\d{1,18}") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
            } catch (NumberFormatException e) {
                throw error("bad value '" + n + "'");
            }
        }

        private String string() {
            i++; // opening quote
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("bad \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e); // \" \\ \/
                }
            }
            throw error("unterminated string");
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON: " + what + " at offset " + i);
        }

        static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(v, b);
            return b.toString();
        }

        private static void write(Object v, StringBuilder b) {
            if (v == null || v instanceof Boolean || v instanceof Number) {
                b.append(v);
            } else if (v instanceof Map<?, ?> m) {
                b.append('{');
                int n = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(n++ == 0 ? "" : ",");
                    write(String.valueOf(e.getKey()), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (v instanceof List<?> l) {
                b.append('[');
                for (int n = 0; n < l.size(); n++) {
                    b.append(n == 0 ? "" : ",");
                    write(l.get(n), b);
                }
                b.append(']');
            } else {
                b.append('"');
                for (char c : v.toString().toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                    }
                }
                b.append('"');
            }
        }
    }
}
