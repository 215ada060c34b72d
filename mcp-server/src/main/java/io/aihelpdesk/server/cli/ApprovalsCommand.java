package io.aihelpdesk.server.cli;

import io.aihelpdesk.tools.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code helpdesk approvals}: list and decide approvals through the server's HTTP API, as the
 * identity of the API key in {@code HELPDESK_SERVER_KEY} or {@code --key-file} (never a name typed on
 * the command line: the server decides who you are). It never opens the approval store itself, so a
 * decision always passes the server's authentication, approver rules and audit. Exit codes: 0 done, 1 refused by the server, 2 cannot reach it.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List, approve, deny, cancel and watch approval requests on a running helpdesk serve (HTTP API /v1/approvals).",
        subcommands = {ApprovalsCommand.ListAll.class, ApprovalsCommand.Pending.class, ApprovalsCommand.Show.class,
            ApprovalsCommand.Approve.class, ApprovalsCommand.Deny.class, ApprovalsCommand.Cancel.class, ApprovalsCommand.Watch.class})
final class ApprovalsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    /** Where the server is and how to authenticate; shared by every subcommand. */
    static final class Client {
        @Option(names = "--server", paramLabel = "URL", description = "Server base URL. Default: $HELPDESK_SERVER_URL or http://127.0.0.1:8080.")
        String server;

        @Option(names = "--key-file", paramLabel = "FILE",
                description = "File holding your API key (first line). Default: the key in $HELPDESK_SERVER_KEY.")
        java.nio.file.Path keyFile;

        @Option(names = "--json", description = "Print the server's JSON instead of a table.")
        boolean json;

        /** Made on first use: picocli builds every subcommand at start-up, and an HTTP client loads TLS. */
        private HttpClient http;

        String base() {
            return EnvDefaults.text(server, "HELPDESK_SERVER_URL", "http://127.0.0.1:8080").replaceAll("/+$", "");
        }

        /** Status and parsed body; a connection failure becomes status -1 with the reason. */
        @SuppressWarnings("unchecked")
        Reply send(String method, String path, Map<String, Object> body, Duration timeout) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(timeout)
                    .header("Content-Type", "application/json");
            String key = key();
            if (key != null && !key.isBlank()) {
                b.header("Authorization", "Bearer " + key.trim());
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
            try {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                String text = r.body() == null ? "" : r.body();
                Map<String, Object> parsed = text.isBlank() ? Map.of() : Json.mapper().readValue(text, Map.class);
                return new Reply(r.statusCode(), parsed, text);
            } catch (IOException e) {
                return new Reply(-1, Map.of("error", "unreachable", "message", "cannot reach " + base() + ": " + e
                        + " — is helpdesk serve running there? (--server or HELPDESK_SERVER_URL)"), "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(-1, Map.of("error", "interrupted", "message", "interrupted"), "");
            }
        }

        private String key() {
            if (keyFile == null) {
                return EnvDefaults.text(null, "HELPDESK_SERVER_API_KEY", EnvDefaults.text(null, "HELPDESK_SERVER_KEY", null));
            }
            try {
                return java.nio.file.Files.readAllLines(keyFile).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the API key file " + keyFile + ": " + e.getMessage(), e);
            }
        }

        Reply send(String method, String path, Map<String, Object> body) {
            return send(method, path, body, Duration.ofSeconds(30));
        }

        /** Prints an approval or a refusal; returns the exit code. */
        int print(Reply r) {
            if (r.status() / 100 != 2) {
                System.err.println("refused (" + (r.status() < 0 ? "no connection" : "HTTP " + r.status()) + ", "
                        + r.body().get("error") + "): " + r.body().getOrDefault("message", r.raw()));
                return r.status() < 0 ? 2 : 1;
            }
            System.out.println(json ? Json.writePretty(r.body()) : describe(r.body()));
            return 0;
        }
    }

    record Reply(int status, Map<String, Object> body, String raw) {
    }

    /** One approval, as a person reads it. */
    static String describe(Map<String, Object> a) {
        StringBuilder s = new StringBuilder();
        s.append(a.get("approval_id")).append("  ").append(String.valueOf(a.get("status")).toUpperCase(java.util.Locale.ROOT)).append('\n');
        line(s, "tool", a.get("tool_name") + " on " + a.get("resource") + " (" + a.get("action_class") + ")");
        line(s, "requested by", a.get("requested_by") + " at " + a.get("created_at") + ", trace " + a.get("trace_id"));
        line(s, "policy", a.get("policy_name") + (a.get("message") == null ? "" : ": " + a.get("message")));
        line(s, "approvals", a.get("approvals") + " of " + a.get("quorum") + ", approvers "
                + (((List<?>) a.get("approvers")).isEmpty() ? "any identified user" : a.get("approvers")));
        line(s, "expires", a.get("expires_at"));
        if (a.get("resolved_by") != null) {
            line(s, "resolved", a.get("resolved_by") + " at " + a.get("resolved_at")
                    + (a.get("resolution_reason") == null ? "" : ": " + a.get("resolution_reason")));
        }
        if (a.get("valid_until") != null) {
            line(s, "valid until", a.get("valid_until"));
        }
        return s.toString().stripTrailing();
    }

    private static void line(StringBuilder s, String label, Object value) {
        s.append(String.format("  %-13s %s%n", label, value));
    }

    @SuppressWarnings("unchecked")
    static int table(Client c, Reply r) {
        if (r.status() / 100 != 2 || c.json) {
            return c.print(r);
        }
        List<Map<String, Object>> list = (List<Map<String, Object>>) r.body().get("approvals");
        if (list.isEmpty()) {
            System.out.println("no approvals");
            return 0;
        }
        System.out.printf("%-20s  %-13s  %-24s  %-22s  %-12s  %-5s  %s%n", "ID", "STATUS", "TOOL", "RESOURCE", "REQUESTED BY", "VOTES", "EXPIRES");
        for (Map<String, Object> a : list) {
            System.out.printf("%-20s  %-13s  %-24s  %-22s  %-12s  %-5s  %s%n", a.get("approval_id"), a.get("status"), a.get("tool_name"),
                    a.get("resource"), a.get("requested_by"), a.get("approvals") + "/" + a.get("quorum"), a.get("expires_at"));
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List approvals, newest first.")
    static final class ListAll implements Callable<Integer> {
        @Mixin
        Client client;

        @Option(names = "--status", description = "pending, approved, denied, expired, cancelled, auto_approved or emergency.")
        String status;

        @Option(names = "--trace", paramLabel = "TRACE_ID")
        String trace;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("status", status);
            q.put("trace_id", trace);
            q.put("limit", String.valueOf(limit));
            return table(client, client.send("GET", "/v1/approvals" + query(q), null));
        }
    }

    @Command(name = "pending", mixinStandardHelpOptions = true, description = "List the requests waiting for a decision.")
    static final class Pending implements Callable<Integer> {
        @Mixin
        Client client;

        @Override
        public Integer call() {
            return table(client, client.send("GET", "/v1/approvals/pending", null));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one approval with its votes.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Client client;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return client.print(client.send("GET", "/v1/approvals/" + id, null));
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a request as the identity of your API key (never your own request).")
    static final class Approve implements Callable<Integer> {
        @Mixin
        Client client;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason")
        String reason;

        @Option(names = "--valid-for", paramLabel = "MINUTES", description = "How long the approved call may be re-run (default: the policy's).")
        Integer validFor;

        @Override
        public Integer call() {
            Map<String, Object> body = new HashMap<>();
            body.put("reason", reason);
            body.put("valid_for_minutes", validFor);
            return client.print(client.send("POST", "/v1/approvals/" + id + "/approve", body));
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a request; a reason is required.")
    static final class Deny implements Callable<Integer> {
        @Mixin
        Client client;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            return client.print(client.send("POST", "/v1/approvals/" + id + "/deny", Map.of("reason", reason)));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Withdraw a request (the requester or an approver).")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        Client client;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", defaultValue = "cancelled from the command line")
        String reason;

        @Override
        public Integer call() {
            return client.print(client.send("POST", "/v1/approvals/" + id + "/cancel", Map.of("reason", reason)));
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Print each new pending request as it arrives (and when it leaves the queue), until interrupted.")
    static final class Watch implements Callable<Integer> {
        @Mixin
        Client client;

        @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5")
        int interval;

        @Option(names = "--polls", paramLabel = "N", description = "Stop after N polls (default: never).", defaultValue = "0")
        int polls;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() throws InterruptedException {
            Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
            for (int n = 0; polls <= 0 || n < polls; n++) {
                Reply r = client.send("GET", "/v1/approvals/pending", null);
                if (r.status() / 100 != 2) {
                    return client.print(r);
                }
                Map<String, Map<String, Object>> now = new LinkedHashMap<>();
                for (Map<String, Object> a : (List<Map<String, Object>>) r.body().get("approvals")) {
                    now.put((String) a.get("approval_id"), a);
                    if (!seen.containsKey(a.get("approval_id"))) {
                        System.out.println("NEW " + describe(a) + "\n  approve: helpdesk approvals approve " + a.get("approval_id")
                                + "   deny: helpdesk approvals deny " + a.get("approval_id") + " --reason ...");
                    }
                }
                for (String gone : seen.keySet()) {
                    if (!now.containsKey(gone)) {
                        Map<String, Object> a = client.send("GET", "/v1/approvals/" + gone, null).body();
                        System.out.println("DONE " + gone + " " + a.get("status") + (a.get("resolved_by") == null ? "" : " by " + a.get("resolved_by")));
                    }
                }
                System.out.flush();
                seen = now;
                if (polls <= 0 || n + 1 < polls) {
                    Thread.sleep(Math.max(1, interval) * 1000L);
                }
            }
            return 0;
        }
    }

    private static String query(Map<String, String> q) {
        StringBuilder s = new StringBuilder();
        q.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                s.append(s.length() == 0 ? '?' : '&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return s.toString();
    }
}
