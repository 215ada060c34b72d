package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.server.ApprovalSettings;
import io.aihelpdesk.server.GovernanceOptions;
import java.net.URI;
import io.aihelpdesk.server.Version;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.triage.playbooks.Playbooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that runs tools. Flags win over environment variables. */
final class ServerOptions {
    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Inventory file (JSON or YAML, infrastructure.json compatible). Default: $HELPDESK_INFRA_CONFIG.")
    Path inventory;

    @Option(names = "--query-role", paramLabel = "ROLE", description = "Role run_readonly_query statements run as (SET LOCAL ROLE), "
            + "e.g. one granted only pg_read_all_data; default: the login role. Env: HELPDESK_QUERY_ROLE.")
    String queryRole;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS",
            description = "statement_timeout of every tool session. Default: $HELPDESK_STATEMENT_TIMEOUT or 30.")
    Integer statementTimeout;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig for the Kubernetes tools (default: $HELPDESK_KUBECONFIG, else KUBECONFIG, "
                    + "~/.kube/config, then the in-cluster service account)")
    Path kubeconfig;

    @Option(names = "--k8s-timeout", paramLabel = "SECONDS",
            description = "Kubernetes API request timeout (default: $HELPDESK_K8S_TIMEOUT or 10)")
    Integer k8sTimeout;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy file (YAML); with one, calls no policy allows are denied. Default: $HELPDESK_POLICY_FILE, else no enforcement.")
    Path policy;

    @Option(names = "--audit-db", paramLabel = "FILE",
            description = "SQLite file of the audit chain. Default: $HELPDESK_AUDIT_DB or ~/.local/state/aihelpdesk/audit.db.")
    Path auditDb;

    @Option(names = "--audit-url", paramLabel = "CONNECTION",
            description = "PostgreSQL (libpq string or URI) holding one audit chain shared by several servers. Default: $HELPDESK_AUDIT_URL.")
    String auditUrl;

    @Option(names = "--playbooks", paramLabel = "DIR",
            description = "Directory of your own playbooks (*.yaml); one with a built-in playbook's id replaces it. Default: $HELPDESK_PLAYBOOK_DIR.")
    Path playbooks;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "readonly (default): tools that change databases or clusters are neither listed nor run; fix: they are "
                    + "listed and governed (policy, approvals, audit). Default: $HELPDESK_MODE, else readonly.")
    String mode;

    @Option(names = "--approval-webhook", paramLabel = "URL",
            description = "Where approval requests, decisions and emergencies are POSTed (Slack body for hooks.slack.com). "
                    + "Default: $HELPDESK_APPROVAL_WEBHOOK.")
    String approvalWebhook;

    @Option(names = "--approval-db", paramLabel = "FILE",
            description = "SQLite file of the approvals. Default: $HELPDESK_APPROVAL_DB, else approvals.db next to the audit "
                    + "database (or the audit PostgreSQL with --audit-url).")
    Path approvalDb;

    @Option(names = "--as", paramLabel = "ID",
            description = "Identity of the local (stdio/CLI) caller for policy and audit. Default: $HELPDESK_PRINCIPAL, else the OS user.")
    String as;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "A role of the local caller; repeat for more. Default: $HELPDESK_ROLES (comma-separated).")
    List<String> roles;

    /** The caller of the stdio and CLI doors: the OS user unless configured. */
    Caller localCaller(String door) {
        String id = EnvDefaults.text(as, "HELPDESK_PRINCIPAL", null);
        List<String> r = roles != null ? roles : Arrays.stream(EnvDefaults.text(null, "HELPDESK_ROLES", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Caller os = Caller.osUser(door);
        return new Caller(id == null || id.isBlank() ? os.id() : id, "user", r, door);
    }

    GovernanceOptions governance() {
        boolean dryRun = "true".equalsIgnoreCase(EnvDefaults.text(null, "HELPDESK_POLICY_DRY_RUN", null));
        String webhook = EnvDefaults.text(approvalWebhook, "HELPDESK_APPROVAL_WEBHOOK", null);
        ApprovalSettings approvals = new ApprovalSettings(EnvDefaults.path(approvalDb, "HELPDESK_APPROVAL_DB"),
                webhook == null ? null : URI.create(webhook), EnvDefaults.text(null, "HELPDESK_APPROVAL_WEBHOOK_FORMAT", "auto"),
                EnvDefaults.text(null, "HELPDESK_PUBLIC_URL", null), ApprovalSettings.DEFAULTS.expiryEvery());
        return new GovernanceOptions(auditDatabase(auditDb), EnvDefaults.text(auditUrl, "HELPDESK_AUDIT_URL", null),
                EnvDefaults.path(policy, "HELPDESK_POLICY_FILE"), EnvDefaults.defaultVerdict(), dryRun,
                OperatingMode.parse(EnvDefaults.text(mode, "HELPDESK_MODE", null), mode != null ? "--mode" : "HELPDESK_MODE"),
                approvals);
    }

    /** The SQLite audit file: the flag, else {@code HELPDESK_AUDIT_DB}, else the per-user default. */
    static Path auditDatabase(Path flag) {
        Path p = EnvDefaults.path(flag, "HELPDESK_AUDIT_DB");
        return p == null ? GovernanceOptions.defaultAuditDb() : p;
    }

    Helpdesk open() throws ConfigException {
        return open(null);
    }

    /** @param incidentDir where incident bundles go; null: {@code HELPDESK_INCIDENT_DIR} or the default */
    Helpdesk open(Path incidentDir) throws ConfigException {
        return new Helpdesk(loadInventory(), settings(), kubernetes(), governance(),
                IncidentSettings.fromEnvironment(io.aihelpdesk.server.config.Environment.current(), incidentDir, Version.current()), playbooks());
    }

    /** The built-in playbooks plus the user's directory; bad user files are reported and skipped, never fatal. */
    Playbooks playbooks() {
        return Playbooks.load(EnvDefaults.path(playbooks, "HELPDESK_PLAYBOOK_DIR"));
    }

    Inventory loadInventory() throws ConfigException {
        Path file = EnvDefaults.path(inventory, "HELPDESK_INFRA_CONFIG");
        if (file == null) {
            return Inventory.none();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), List.of(file + ": inventory file not found"));
        }
        return InventoryLoader.load(file);
    }

    PostgresSettings settings() {
        Integer seconds = seconds(statementTimeout, "HELPDESK_STATEMENT_TIMEOUT");
        PostgresSettings d = PostgresSettings.defaults().withQueryRole(EnvDefaults.text(queryRole, "HELPDESK_QUERY_ROLE", null));
        return seconds == null ? d : d.withStatementTimeout(Duration.ofSeconds(Math.max(1, seconds)));
    }

    KubernetesSettings kubernetes() {
        Integer seconds = seconds(k8sTimeout, "HELPDESK_K8S_TIMEOUT");
        return new KubernetesSettings(EnvDefaults.path(kubeconfig, "HELPDESK_KUBECONFIG"),
                seconds == null ? KubernetesSettings.DEFAULT_TIMEOUT : Duration.ofSeconds(Math.max(1, seconds)));
    }

    /** Whole seconds from a flag, else from an environment variable; null when neither is set. */
    private static Integer seconds(Integer flag, String variable) {
        String env = EnvDefaults.text(null, variable, null);
        if (flag != null || env == null) {
            return flag;
        }
        if (!env.matches("\\d{1,6}")) {
            throw new IllegalArgumentException(variable + " must be whole seconds, got '" + env + "'");
        }
        return Integer.parseInt(env);
    }
}
