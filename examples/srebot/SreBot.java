import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * srebot: an SRE bot that calls aiHelpDesk through its REST gateway, in the original's five phases —
 * discover the agents, check the database's health, diagnose it, ask for an incident bundle with a
 * callback, and wait for that callback. Every call carries one trace id, so the audit chain tells the
 * whole story ({@code GET /v1/events?trace_id=…}).
 *
 * <p>A single-file program (JEP 330), JDK 17+ only, no build:
 * {@code java examples/srebot/SreBot.java --gateway http://127.0.0.1:8080 --conn demo}.
 *
 * <p>Exit status: 0 done (or healthy without {@code --force}), 1 a phase failed, 2 bad flags,
 * 3 no callback within {@code --timeout}.
 */
public final class SreBot {
    static final List<String> ANOMALY_WORDS = List.of("error", "fail", "refused", "timeout", "too many", "denied",
            "unreachable", "crash", "oom", "killed");
    private static final PrintStream OUT = System.out;

    private final Options o;
    private final Gateway gateway;
    private final long started = System.nanoTime();

    private SreBot(Options o) {
        this.o = o;
        this.gateway = new Gateway(o.gateway, o.apiKey, o.apiKeyEnv, o.trace, o.timeout);
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("srebot: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            OUT.println(Options.USAGE);
            return;
        }
        int status;
        try {
            status = new SreBot(o).run();
        } catch (PhaseFailed e) {
            System.err.println("srebot: FAILED — " + e.getMessage());
            status = e.exit;
        }
        System.exit(status);
    }

    int run() throws PhaseFailed {
        OUT.printf("srebot: gateway %s, database %s, trace %s, timeout %ds%s%n", o.gateway, o.conn, o.trace,
                o.timeout.toSeconds(), o.apiKey == null ? "" : ", API key from $" + o.apiKeyEnv);
        discover();
        if (!healthCheck() && !o.force) {
            OUT.printf("srebot: %s looks healthy; nothing to do (use --force to collect a bundle anyway) — %s%n", o.conn, elapsed(started));
            return 0;
        }
        diagnose();
        Receiver receiver = Receiver.start(o.listen, o.callbackSecret);
        try {
            String callbackUrl = o.callbackUrl != null ? o.callbackUrl : receiver.url(o.gateway);
            CompletableFuture<Gateway.Reply> bundle = requestBundle(callbackUrl);
            return awaitCallback(receiver, bundle);
        } finally {
            receiver.stop();
        }
    }

    /** Phase 1: GET /api/v1/agents. */
    private void discover() throws PhaseFailed {
        long t = System.nanoTime();
        Gateway.Reply r = gateway.get("/api/v1/agents", 1, "discover agents");
        List<String> names = new ArrayList<>();
        for (Object a : Json.list(Json.at(r.json, "result", "agents"))) {
            Map<String, Object> agent = Json.map(a);
            names.add(agent.get("name") + " (" + Json.list(agent.get("skills")).size() + " tools)");
        }
        if (names.isEmpty()) {
            throw new PhaseFailed(1, "[1/5] the gateway lists no agents: " + r.body);
        }
        OUT.printf("[1/5] discover agents: %d — %s  (%s)%n", names.size(), String.join(", ", names), elapsed(t));
    }

    /** Phase 2: POST /api/v1/db/check_connection; true when the answer looks like trouble. */
    private boolean healthCheck() throws PhaseFailed {
        long t = System.nanoTime();
        Gateway.Reply r = gateway.post("/api/v1/db/check_connection", Json.write(Map.of("connection_string", o.conn)), 2,
                "health check", true);
        String text = r.status == 200 ? String.valueOf(r.json.get("text")) : String.valueOf(Json.at(r.json, "error", "message"));
        String word = r.status == 200 ? anomaly(text) : "HTTP " + r.status;
        OUT.printf("[2/5] health check: check_connection %s → %s: %s  (%s)%n", o.conn, word == null ? "healthy" : "ANOMALY (" + word + ")",
                firstLine(text), elapsed(t));
        return word != null;
    }

    /** The first anomaly word in {@code text}, as the original matched them, or null. */
    static String anomaly(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String w : ANOMALY_WORDS) {
            if (lower.contains(w)) {
                return w;
            }
        }
        return null;
    }

    /** Phase 3: POST /api/v1/diagnose (no LLM), or /api/v1/query with the symptom when --ask. */
    private void diagnose() throws PhaseFailed {
        long t = System.nanoTime();
        if (o.ask) {
            String question = o.symptom + " (database: " + o.conn + ")";
            Gateway.Reply r = gateway.post("/api/v1/query", Json.write(Map.of("agent", "database", "message", question)), 3,
                    "diagnosis", true);
            if (r.status == 200) {
                OUT.printf("[3/5] diagnosis: the database agent answered  (%s)%n%s%n", elapsed(t),
                        indent(String.valueOf(Json.at(r.json, "result", "text"))));
                return;
            }
            OUT.printf("[3/5] diagnosis: --ask: HTTP %d %s — running diagnose instead%n", r.status, Json.at(r.json, "error", "code"));
        }
        Gateway.Reply r = gateway.post("/api/v1/diagnose", Json.write(Map.of("connection_string", o.conn)), 3, "diagnosis", true);
        if (r.status != 200) {
            OUT.printf("[3/5] diagnosis: diagnose %s failed with HTTP %d: %s — collecting the bundle anyway  (%s)%n", o.conn,
                    r.status, Json.at(r.json, "error", "message"), elapsed(t));
            return;
        }
        List<Object> findings = Json.list(Json.at(r.json, "result", "findings"));
        OUT.printf("[3/5] diagnosis: diagnose %s → %d finding%s  (%s)%n", o.conn, findings.size(), findings.size() == 1 ? "" : "s", elapsed(t));
        for (int i = 0; i < Math.min(3, findings.size()); i++) {
            Map<String, Object> f = Json.map(findings.get(i));
            OUT.printf("      %d. [%s] %s: %s%n", i + 1, String.valueOf(f.get("severity")).toUpperCase(Locale.ROOT), f.get("category"), f.get("title"));
        }
    }

    /** Phase 4: POST /api/v1/incidents with the callback URL; the answer is awaited in phase 5. */
    private CompletableFuture<Gateway.Reply> requestBundle(String callbackUrl) {
        long t = System.nanoTime();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("infra_key", o.infraKey);
        body.put("description", o.symptom);
        body.put("connection_string", o.conn);
        body.put("callback_url", callbackUrl);
        if (o.layers != null) {
            body.put("layers", o.layers);
        }
        CompletableFuture<Gateway.Reply> reply = gateway.postAsync("/api/v1/incidents", Json.write(body));
        OUT.printf("[4/5] incident bundle: requested for %s (infra key %s), callback %s  (%s)%n", o.conn, o.infraKey, callbackUrl, elapsed(t));
        return reply;
    }

    /** Phase 5: the callback (and the gateway's answer to phase 4). */
    private int awaitCallback(Receiver receiver, CompletableFuture<Gateway.Reply> bundle) throws PhaseFailed {
        long t = System.nanoTime();
        long deadline = started + o.timeout.toNanos();
        String callback;
        try {
            callback = receiver.received.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            System.err.printf("srebot: TIMEOUT — no callback within %ds%s%n", o.timeout.toSeconds(), whyNoCallback(bundle));
            return 3;
        } catch (Exception e) {
            throw new PhaseFailed(1, "[5/5] waiting for the callback failed: " + e);
        }
        Map<String, Object> result = Json.map(Json.parse(callback));
        StringBuilder layers = new StringBuilder();
        Json.map(result.get("layers")).forEach((k, v) -> layers.append(layers.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        OUT.printf("[5/5] callback: incident %s, bundle %s, layers %s, %d error%s%s  (%s)%n", result.get("incident_id"),
                result.get("bundle_path"), layers, Json.list(result.get("errors")).size(), Json.list(result.get("errors")).size() == 1 ? "" : "s",
                o.callbackSecret != null ? ", signature verified" : receiver.signature == null ? "" : ", signed (not checked)", elapsed(t));
        Gateway.Reply reply;
        try {
            reply = bundle.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            throw new PhaseFailed(1, "[5/5] the callback arrived but the gateway did not answer the bundle request: " + e);
        }
        if (reply.status != 200) {
            throw new PhaseFailed(1, "[5/5] the gateway answered the bundle request with HTTP " + reply.status + ": " + reply.body);
        }
        OUT.printf("srebot: done in %s — trace %s (GET %s/v1/events?trace_id=%s)%n", elapsed(started), o.trace, o.gateway, o.trace);
        return 0;
    }

    /** What the server said about the callback, when it has answered the bundle request. */
    private static String whyNoCallback(CompletableFuture<Gateway.Reply> bundle) {
        if (!bundle.isDone() || bundle.isCompletedExceptionally()) {
            return "; the bundle is still being collected (raise --timeout)";
        }
        Gateway.Reply r = bundle.join();
        Map<String, Object> delivery = Json.map(Json.at(r.json, "result", "callback"));
        if (r.status != 200 || delivery.isEmpty()) {
            return "; the gateway answered the bundle request with HTTP " + r.status + ": " + firstLine(r.body);
        }
        return "; incident " + Json.at(r.json, "result", "incident_id") + " was written, but its callback to " + delivery.get("url")
                + " " + delivery.get("status") + " after " + delivery.get("attempts") + " attempts: " + delivery.get("message")
                + " — the server must reach that address (set --listen or --callback-url)";
    }

    static String elapsed(long startNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.length() <= 160 ? line : line.substring(0, 159) + "…";
    }

    private static String indent(String s) {
        return s.strip().replaceAll("(?m)^", "      ");
    }

    /** A phase that cannot continue: its message and the exit status. */
    static final class PhaseFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        PhaseFailed(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** The command line, with the original's flags and defaults. */
    static final class Options {
        static final String USAGE = """
                usage: java examples/srebot/SreBot.java [flags]
                  --gateway URL        aiHelpDesk REST gateway (default http://localhost:8080; env HELPDESK_GATEWAY_URL)
                  --conn ID            database to watch: inventory id or connection string (default demo)
                  --infra-key KEY      infra key of the bundle (default: --conn, so an inventory id brings its
                                       Kubernetes placement into the bundle; else any label)
                  --symptom TEXT       what the bot saw, used as the bundle description and question
                  --listen ADDR        callback receiver host:port or :port (default :9090; port 0 = any free port)
                  --callback-url URL   URL the server calls back (default http://<this host's address towards the gateway>:<port>/callback)
                  --layers LIST        bundle layers, e.g. database,os (default: every layer that applies)
                  --timeout DUR        overall time limit, e.g. 120s, 2m (default 120s)
                  --force              collect a bundle even when the health check finds nothing
                  --ask                phase 3 asks the database agent (POST /api/v1/query, needs a model on the server)
                                       instead of running diagnose
                  --api-key-env NAME   environment variable holding the API key (default HELPDESK_SERVER_API_KEY)
                  --callback-secret-env NAME  environment variable holding the server's callback secret; when set,
                                       a callback without its X-Helpdesk-Signature is refused (default HELPDESK_CALLBACK_SECRET)
                  --trace ID           trace id of every call (default tr_srebot_<epoch seconds>)
                exit status: 0 done or healthy, 1 a phase failed, 2 bad flags, 3 no callback within --timeout""";
        String gateway = env("HELPDESK_GATEWAY_URL", "http://localhost:8080");
        String conn = "demo";
        String infraKey;
        String symptom = "srebot: connection check reported an anomaly";
        String listen = ":9090";
        String callbackUrl;
        String layers;
        Duration timeout = Duration.ofSeconds(120);
        boolean force;
        boolean ask;
        String apiKeyEnv = "HELPDESK_SERVER_API_KEY";
        String apiKey;
        String callbackSecretEnv = "HELPDESK_CALLBACK_SECRET";
        String callbackSecret;
        String trace = "tr_srebot_" + System.currentTimeMillis() / 1000;

        /** The options, or null when help was asked for. */
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
                    case "force" -> o.force = true;
                    case "ask" -> o.ask = true;
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
            if (o.infraKey == null) {
                o.infraKey = o.conn;
            }
            String secret = System.getenv(o.callbackSecretEnv);
            o.callbackSecret = secret == null || secret.isEmpty() ? null : secret;
            o.apiKey = System.getenv(o.apiKeyEnv);
            if (o.apiKey != null && o.apiKey.isBlank()) {
                o.apiKey = null;
            }
            return o;
        }

        private void set(String name, String value, String flag) {
            switch (name) {
                case "gateway" -> gateway = value;
                case "conn" -> conn = value;
                case "infra-key" -> infraKey = value;
                case "symptom" -> symptom = value;
                case "listen" -> listen = value;
                case "callback-url" -> callbackUrl = value;
                case "layers" -> layers = value;
                case "timeout" -> timeout = duration(value);
                case "api-key-env" -> apiKeyEnv = value;
                case "callback-secret-env" -> callbackSecretEnv = value;
                case "trace" -> trace = value;
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }

        /** "120s", "2m", "1h", "500ms" or plain seconds. */
        static Duration duration(String s) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(s.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new IllegalArgumentException("--timeout must be a positive duration such as 120s, 2m or 500ms, got '" + s + "'");
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

    /** The REST gateway: JSON in and out, bearer key and trace id on every request. */
    static final class Gateway {
        private final String base;
        private final String apiKey;
        private final String apiKeyEnv;
        private final String trace;
        private final Duration timeout;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Gateway(String base, String apiKey, String apiKeyEnv, String trace, Duration timeout) {
            this.base = base;
            this.apiKey = apiKey;
            this.apiKeyEnv = apiKeyEnv;
            this.trace = trace;
            this.timeout = timeout;
        }

        record Reply(int status, String body, Map<String, Object> json) {
        }

        Reply get(String path, int phase, String what) throws PhaseFailed {
            return send(request(path).GET().build(), phase, what, false);
        }

        /** @param tolerant whether an error answer (400–503 with a JSON error) is returned rather than failing the phase */
        Reply post(String path, String json, int phase, String what, boolean tolerant) throws PhaseFailed {
            return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(), phase, what, tolerant);
        }

        CompletableFuture<Reply> postAsync(String path, String json) {
            return http.sendAsync(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Reply(r.statusCode(), r.body(), parse(r.body())));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Accept", "application/json").header("Content-Type", "application/json").header("X-Trace-ID", trace);
            return apiKey == null ? b : b.header("Authorization", "Bearer " + apiKey);
        }

        private Reply send(HttpRequest req, int phase, String what, boolean tolerant) throws PhaseFailed {
            HttpResponse<String> r;
            try {
                r = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new PhaseFailed(1, "[" + phase + "/5] " + what + ": cannot reach the gateway at " + base + " ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ") — is `helpdesk serve` running there?");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PhaseFailed(1, "[" + phase + "/5] " + what + ": interrupted");
            }
            Reply reply = new Reply(r.statusCode(), r.body(), parse(r.body()));
            if (r.statusCode() == 401) {
                throw new PhaseFailed(1, "[" + phase + "/5] " + what + ": the gateway refused " + (apiKey == null ? "to answer without an API key"
                        : "the API key in $" + apiKeyEnv) + " (HTTP 401) — export a valid key in $" + apiKeyEnv
                        + " (helpdesk users new-key makes one) or name another variable with --api-key-env");
            }
            boolean toolError = tolerant && reply.json.get("error") instanceof Map && r.statusCode() >= 400 && r.statusCode() <= 503;
            if (r.statusCode() != 200 && !toolError) {
                Object message = Json.at(reply.json, "error", "message");
                throw new PhaseFailed(1, "[" + phase + "/5] " + what + ": " + req.method() + " " + req.uri().getPath() + " answered HTTP "
                        + r.statusCode() + ": " + (message != null ? message : firstLine(r.body())));
            }
            return reply;
        }

        private static Map<String, Object> parse(String body) {
            try {
                return Json.map(Json.parse(body));
            } catch (IllegalArgumentException e) {
                return Map.of();
            }
        }
    }

    /** The callback receiver: accepts one POST on /callback and completes {@link #received} with its body. */
    static final class Receiver {
        final CompletableFuture<String> received = new CompletableFuture<>();
        volatile String signature;
        private final HttpServer server;
        private final String host;

        private Receiver(HttpServer server, String host) {
            this.server = server;
            this.host = host;
        }

        /** @param secret the server's callback secret: callbacks must carry its signature; null accepts any */
        static Receiver start(String listen, String secret) throws PhaseFailed {
            int colon = listen.lastIndexOf(':');
            String host = colon <= 0 ? "" : listen.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(listen.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new PhaseFailed(2, "--listen must be host:port or :port, got '" + listen + "'");
            }
            HttpServer server;
            try {
                server = HttpServer.create(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port), 8);
            } catch (IOException e) {
                throw new PhaseFailed(1, "[4/5] cannot listen for the callback on " + listen + ": " + e.getMessage()
                        + " — pick another port with --listen");
            }
            Receiver r = new Receiver(server, host);
            server.createContext("/callback", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean post = "POST".equals(exchange.getRequestMethod());
                String signature = exchange.getRequestHeaders().getFirst("X-Helpdesk-Signature");
                boolean trusted = secret == null || signed(secret, body, signature);
                exchange.sendResponseHeaders(!post ? 405 : trusted ? 204 : 401, -1);
                exchange.close();
                if (post && !trusted) {
                    System.err.printf("srebot: refused a callback from %s: %s — the secret in --callback-secret-env must be the "
                            + "server's HELPDESK_CALLBACK_SECRET%n", exchange.getRemoteAddress().getAddress().getHostAddress(),
                            signature == null ? "it is not signed" : "its signature does not match");
                } else if (post) {
                    r.signature = signature;
                    r.received.complete(new String(body, StandardCharsets.UTF_8));
                }
            });
            server.start();
            return r;
        }

        /** Whether {@code header} is {@code sha256=<hex HMAC-SHA256 of body>} under {@code secret}, compared in constant time. */
        static boolean signed(String secret, byte[] body, String header) {
            if (header == null || !header.startsWith("sha256=")) {
                return false;
            }
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = java.util.HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
                return java.security.MessageDigest.isEqual(expected, header.substring(7).getBytes(StandardCharsets.US_ASCII));
            } catch (java.security.GeneralSecurityException e) {
                return false;
            }
        }

        /** The URL the server should call: this host's address on the route to the gateway, unless --listen named a host. */
        String url(String gateway) {
            String h = host;
            if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::")) {
                h = outboundAddress(URI.create(gateway).getHost());
            }
            return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + server.getAddress().getPort() + "/callback";
        }

        /** The local address a packet to {@code target} would leave from (no packet is sent). */
        static String outboundAddress(String target) {
            try (DatagramSocket s = new DatagramSocket()) {
                InetAddress remote = InetAddress.getByName(target);
                if (remote.isLoopbackAddress()) {
                    return remote.getHostAddress();
                }
                s.connect(remote, 9);
                return s.getLocalAddress().getHostAddress();
            } catch (IOException e) {
                return "127.0.0.1";
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
