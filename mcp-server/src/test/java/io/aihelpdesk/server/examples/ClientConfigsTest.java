package io.aihelpdesk.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.cli.Main;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The client configurations in {@code examples/clients} parse in their client's format and point at
 * things that exist: a stdio entry runs the repository's {@code helpdesk} launcher with a real
 * subcommand, real options and existing files; an HTTP entry is {@code /mcp} of {@code helpdesk serve},
 * where an MCP {@code initialize} with the configured {@code Authorization} header (its placeholder
 * filled with a real API key) is accepted and one without it is refused.
 */
class ClientConfigsTest {
    private static final Path CLIENTS = BotProcess.ROOT.resolve("examples/clients");
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"client-config-test\",\"version\":\"1\"}}}";
    /** What a user puts in place of the placeholders: the checkout, and a key the server knows. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(input:[\\w-]+|env:\\w+|\\w+)(:-([^}]*))?}");
    private static HttpServer http;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        String[] k = ApiKeys.newKey();
        key = k[0];
        ApiKeys keys = ApiKeys.parse("users:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: " + k[1] + "\n",
                "users.yaml", Map.<String, String>of()::get);
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0, keys);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
    }

    @Test
    void claude_desktop_runs_the_launcher_over_stdio_and_reaches_serve_through_mcp_remote() throws Exception {
        Map<String, Object> servers = object(read("claude-desktop.json"), "mcpServers");
        assertThat(servers).containsOnlyKeys("aihelpdesk", "aihelpdesk-server");
        checkStdio(object(servers, "aihelpdesk"));
        Map<String, Object> remote = object(servers, "aihelpdesk-server");
        assertThat(remote).containsEntry("command", "npx");
        List<String> args = strings(remote.get("args"));
        assertThat(args).startsWith("-y", "mcp-remote");
        int header = args.indexOf("--header");
        assertThat(args.get(header + 1)).isEqualTo("Authorization:${AUTH_HEADER}"); // no spaces: Windows mangles them in args
        Map<String, Object> env = object(remote, "env");
        checkHttp(args.get(2), Map.of("Authorization", ((String) env.get("AUTH_HEADER")).replace("hd_REPLACE_WITH_YOUR_API_KEY", key)));
    }

    @Test
    void vscode_uses_servers_with_types_and_a_password_input_for_the_key() throws Exception {
        Map<String, Object> config = read("vscode.json");
        Map<String, Object> servers = object(config, "servers");
        Map<String, Object> stdio = object(servers, "aihelpdesk");
        assertThat(stdio).containsEntry("type", "stdio");
        checkStdio(stdio);
        Map<String, Object> remote = object(servers, "aihelpdesk-server");
        assertThat(remote).containsEntry("type", "http");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) config.get("inputs");
        assertThat(inputs).singleElement().satisfies(i -> assertThat(i).containsEntry("type", "promptString")
                .containsEntry("id", "aihelpdesk-api-key").containsEntry("password", true));
        assertThat(object(remote, "headers")).containsEntry("Authorization", "Bearer ${input:aihelpdesk-api-key}");
        checkHttp((String) remote.get("url"), headers(object(remote, "headers")));
    }

    @Test
    void cursor_uses_mcp_servers_with_a_url_and_the_key_from_the_environment() throws Exception {
        Map<String, Object> servers = object(read("cursor.json"), "mcpServers");
        checkStdio(object(servers, "aihelpdesk"));
        Map<String, Object> remote = object(servers, "aihelpdesk-server");
        assertThat(object(remote, "headers")).containsEntry("Authorization", "Bearer ${env:HELPDESK_SERVER_API_KEY}");
        checkHttp((String) remote.get("url"), headers(object(remote, "headers")));
    }

    @Test
    void claude_code_commands_and_mcp_json_point_at_the_launcher_and_the_mcp_endpoint() throws Exception {
        String md = Files.readString(CLIENTS.resolve("claude-code.md"));
        String commands = String.join("\n", blocks(md, "bash")).replace("\\\n", " ");
        List<String> adds = commands.lines().map(String::strip).filter(l -> l.startsWith("claude mcp add ")).toList();
        assertThat(adds).hasSize(2);
        String stdio = adds.get(0);
        assertThat(stdio).startsWith("claude mcp add aihelpdesk -- ");
        List<String> command = List.of(stdio.substring(stdio.indexOf(" -- ") + 4).split("\\s+"));
        checkStdio(Map.of("command", command.get(0), "args", command.subList(1, command.size())));
        Matcher http = Pattern.compile("claude mcp add --transport http aihelpdesk-server (\\S+)\\s+--header \"Authorization: Bearer "
                + "\\$HELPDESK_SERVER_API_KEY\"").matcher(adds.get(1));
        assertThat(http.matches()).as(adds.get(1)).isTrue();
        checkHttp(http.group(1), Map.of("Authorization", "Bearer " + key));

        List<String> json = blocks(md, "json");
        assertThat(json).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> servers = object(Json.mapper().readValue(json.get(0), Map.class), "mcpServers");
        checkStdio(object(servers, "aihelpdesk"));
        Map<String, Object> remote = object(servers, "aihelpdesk-server");
        assertThat(remote).containsEntry("type", "http");
        checkHttp((String) remote.get("url"), headers(object(remote, "headers")));
    }

    /** The command is the launcher at the repository root, args[0] a real subcommand, every option real, every path there. */
    private static void checkStdio(Map<String, Object> server) {
        Path launcher = Path.of(fill((String) server.get("command")));
        assertThat(launcher).isEqualTo(BotProcess.ROOT.resolve("helpdesk")).isExecutable();
        List<String> args = strings(server.get("args"));
        CommandLine cli = Main.commandLine();
        assertThat(cli.getSubcommands()).containsKey(args.get(0));
        CommandLine.Model.CommandSpec spec = cli.getSubcommands().get(args.get(0)).getCommandSpec();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).startsWith("--")) {
                assertThat(spec.findOption(args.get(i))).as("option %s of helpdesk %s", args.get(i), args.get(0)).isNotNull();
            } else {
                assertThat(Path.of(fill(args.get(i)))).as("argument %s", args.get(i)).exists();
            }
        }
    }

    /** The URL is serve's /mcp; initialize with the configured header is answered, without it refused. */
    private static void checkHttp(String configured, Map<String, String> headers) throws Exception {
        URI url = URI.create(fill(configured));
        assertThat(url.getHost() + ":" + url.getPort() + url.getPath()).isEqualTo("127.0.0.1:8080/mcp");
        URI here = URI.create("http://127.0.0.1:" + http.port() + url.getPath());
        HttpResponse<String> accepted = initialize(here, headers);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"serverInfo\"");
        assertThat(initialize(here, Map.of()).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> initialize(URI url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INIT));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fills the placeholders the way the client would: the checkout for paths, a real key for secrets, defaults otherwise. */
    private static String fill(String value) {
        String s = value.replace("/path/to/aihelpdesk", BotProcess.ROOT.toString());
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String with = name.equals("workspaceFolder") ? BotProcess.ROOT.toString()
                    : name.startsWith("input:") || name.endsWith("API_KEY") ? key
                    : m.group(3) != null ? m.group(3).replace("/path/to/aihelpdesk", BotProcess.ROOT.toString()) : null;
            assertThat(with).as("a value for ${%s} in %s", name, value).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(with));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> headers(Map<String, Object> configured) {
        Map<String, String> out = new LinkedHashMap<>();
        configured.forEach((k, v) -> out.put(k, fill((String) v)));
        return out;
    }

    private static List<String> blocks(String markdown, String language) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String file) throws Exception {
        return Json.mapper().readValue(Files.readString(CLIENTS.resolve(file)), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
