package io.aihelpdesk.server.config;

import static io.aihelpdesk.server.config.Setting.connection;
import static io.aihelpdesk.server.config.Setting.envOnly;
import static io.aihelpdesk.server.config.Setting.plain;
import static io.aihelpdesk.server.config.Setting.secret;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every setting the server reads from its environment, in one list: {@code helpdesk config show}
 * prints it, {@code helpdesk.yaml} accepts exactly these keys, and a test holds the code and the
 * README to it (a variable read anywhere must be listed here, and every listed one documented).
 */
public final class Settings {
    public static final List<Setting> ALL = List.of(
            plain("HELPDESK_MODE", "operating mode: readonly (diagnostic tools only) or fix (remediation under governance)", "readonly"),
            plain("HELPDESK_INFRA_CONFIG", "inventory file of managed databases and clusters", "none (any target allowed)"),
            plain("HELPDESK_POLICY_FILE", "policy file", "none (no enforcement; still audited)"),
            plain("HELPDESK_DEFAULT_POLICY", "verdict when no policy matches (allow/deny)", "deny"),
            plain("HELPDESK_POLICY_DRY_RUN", "evaluate policies but only log denials", "false"),
            plain("HELPDESK_AUDIT_DB", "SQLite file of the audit chain", "~/.local/state/aihelpdesk/audit.db"),
            connection("HELPDESK_AUDIT_URL", "PostgreSQL holding one audit chain and approval store shared by replicas", "none (SQLite)"),
            plain("HELPDESK_APPROVAL_DB", "SQLite file of the approval store", "approvals.db next to the audit database"),
            connection("HELPDESK_APPROVAL_WEBHOOK", "webhook notified of approval requests (Slack URLs get a Slack body)", "none"),
            plain("HELPDESK_APPROVAL_WEBHOOK_FORMAT", "body of approval notifications: auto, slack or json", "auto"),
            plain("HELPDESK_PUBLIC_URL", "this server's URL as approvers reach it (links in notifications)", "none"),
            plain("HELPDESK_USERS_FILE", "API keys for HTTP (users file)", "none (anonymous, loopback only)"),
            plain("HELPDESK_JWT_CONFIG", "JWT bearer token settings for HTTP", "none"),
            plain("HELPDESK_PRINCIPAL", "identity of local (stdio/CLI) calls", "the operating-system user"),
            plain("HELPDESK_ROLES", "roles of local calls, comma separated", "none"),
            plain("HELPDESK_STATEMENT_TIMEOUT", "statement timeout of tool sessions (seconds)", "30"),
            plain("HELPDESK_QUERY_ROLE", "role run_readonly_query statements run as (SET LOCAL ROLE)", "none (the login role)"),
            plain("HELPDESK_KUBECONFIG", "kubeconfig for the Kubernetes tools", "KUBECONFIG, ~/.kube/config, then in-cluster"),
            plain("HELPDESK_K8S_TIMEOUT", "Kubernetes API request timeout (seconds)", "10"),
            plain("HELPDESK_BIND", "HTTP bind address", "127.0.0.1"),
            plain("HELPDESK_PORT", "HTTP port", "8080"),
            plain("HELPDESK_PLAYBOOK_DIR", "directory of your own playbooks (YAML)", "none (the built-in playbooks)"),
            plain("HELPDESK_INCIDENT_DIR", "incident bundles and their index", "~/.local/state/aihelpdesk/incidents"),
            plain("HELPDESK_INCIDENT_BUDGET", "incident time budget (seconds)", "60"),
            secret("HELPDESK_CALLBACK_SECRET", "HMAC key signing bundle callbacks"),
            plain("HELPDESK_CALLBACK_ALLOW_PRIVATE", "allow callbacks to link-local / cloud metadata addresses", "false"),
            plain("HELPDESK_MODEL_VENDOR", "language model vendor: anthropic, gemini, openai or ollama", "none (offline)"),
            plain("HELPDESK_MODEL_NAME", "language model name", "the vendor's default"),
            secret("HELPDESK_API_KEY", "the language model vendor's API key"),
            plain("HELPDESK_MODEL_BASE_URL", "a proxy or gateway in front of the model vendor", "the vendor's API"),
            plain("HELPDESK_DATABASE_MODEL_NAME", "the database agent's own model", "HELPDESK_MODEL_NAME"),
            plain("HELPDESK_K8S_MODEL_NAME", "the Kubernetes agent's own model", "HELPDESK_MODEL_NAME"),
            plain("HELPDESK_INCIDENT_MODEL_NAME", "the incident agent's own model", "HELPDESK_MODEL_NAME"),
            plain("HELPDESK_AGENTS_CONFIG", "remote A2A agents offered as tools (agents.json)", "none"),
            plain("HELPDESK_AGENT_URLS", "remote A2A agent card URLs, comma separated", "none"),
            secret("HELPDESK_AGENT_API_KEY", "bearer key sent to remote A2A agents"),
            plain("HELPDESK_SERVER_URL", "server the approvals CLI talks to", "http://127.0.0.1:8080"),
            secret("HELPDESK_SERVER_API_KEY", "API key of chat --server and the approvals CLI"),
            secret("HELPDESK_SERVER_KEY", "older name of HELPDESK_SERVER_API_KEY (approvals CLI)"),
            plain("HELPDESK_DEBUG", "print stack traces of unexpected errors", "unset"),
            plain("HELPDESK_OTEL_ENDPOINT", "OTLP/HTTP endpoint spans are exported to (also OTEL_EXPORTER_OTLP_ENDPOINT)", "none (no tracing)"),
            envOnly("HELPDESK_LOG_FORMAT", "log format: text or json (read before the config file)", "text"),
            envOnly("HELPDESK_JAVA_OPTS", "JVM options (read by bin/helpdesk)", "none"),
            envOnly("HELPDESK_CACHE_DIR", "class-data-sharing / AOT cache directory (read by bin/helpdesk)", "~/.cache/aihelpdesk"));

    private static final Map<String, Setting> BY_ENV = ALL.stream().collect(Collectors.toMap(Setting::env, Function.identity()));
    private static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));
    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^/:@\\s]*:)[^@\\s]*@");
    private static final Pattern KV_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)('[^']*'|\\S+)");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&]password=)[^&\\s]*");
    private static final Pattern HTTP_PATH = Pattern.compile("^(https?://[^/?#]+)[/?#].*$");

    private Settings() {
    }

    public static Optional<Setting> byEnv(String env) {
        return Optional.ofNullable(BY_ENV.get(env));
    }

    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** What may be shown of a value: secrets not at all, passwords and webhook paths masked. */
    public static String shown(Setting s, String value) {
        if (value == null) {
            return null;
        }
        return switch (s.secrecy()) {
            case PLAIN -> value;
            case SECRET -> "****** (set)";
            case CONNECTION -> {
                if (HTTP_PATH.matcher(value).matches()) {
                    yield HTTP_PATH.matcher(value).replaceFirst("$1/******");
                }
                String v = URI_PASSWORD.matcher(value).replaceAll("$1******@");
                v = QUERY_PASSWORD.matcher(v).replaceAll("$1******");
                yield KV_PASSWORD.matcher(v).replaceAll("$1******");
            }
        };
    }
}
