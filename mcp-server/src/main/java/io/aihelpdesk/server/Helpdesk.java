package io.aihelpdesk.server;

import io.aihelpdesk.a2a.remote.RemoteAgentTools;
import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.approval.ApprovalStore;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.approval.JdbcApprovalStore;
import io.aihelpdesk.governance.approval.WebhookNotifier;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.audit.PostgresAuditStore;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.tools.postgres.ConnectionSpec;
import io.aihelpdesk.tools.postgres.ConnectionStrings;
import org.postgresql.ds.PGSimpleDataSource;
import io.aihelpdesk.governance.policy.ExplainPolicyDecision;
import io.aihelpdesk.governance.policy.Policies;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.ArrayList;
import io.aihelpdesk.tools.triage.playbooks.GetPlaybook;
import io.aihelpdesk.tools.triage.playbooks.ListPlaybooks;
import io.aihelpdesk.tools.triage.playbooks.Playbooks;
import java.util.List;
import java.util.function.Supplier;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.incident.IncidentToolset;
import io.aihelpdesk.tools.incident.Redaction;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.kubernetes.KubernetesClients;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.kubernetes.KubernetesTargets;
import io.aihelpdesk.tools.kubernetes.KubernetesToolset;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.aihelpdesk.tools.triage.Diagnose;
import io.aihelpdesk.tools.remediation.RemediationToolset;
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled application: inventory, catalog, connection pools, policy, audit chain and the
 * governance {@link Pipeline}. Every door (stdio, HTTP, CLI) runs tools through {@link #pipeline()}
 * and nothing else.
 */
public final class Helpdesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Helpdesk.class);
    private final Inventory inventory;
    private final ConnectionPools pools;
    private final KubernetesTargets clusters;
    private final AuditStore audit;
    private final Policies policies;
    private final Pipeline pipeline;
    private final IncidentSettings incidents;
    private final Playbooks playbooks;
    private final Approvals approvals;
    private final AutoCloseable expiry;

    public Helpdesk(Inventory inventory, PostgresSettings settings, GovernanceOptions governance) throws ConfigException {
        this(inventory, settings, KubernetesSettings.defaults(), governance);
    }

    /** Incident bundles as the environment configures them ({@code HELPDESK_INCIDENT_DIR}, …). */
    public Helpdesk(Inventory inventory, PostgresSettings settings, KubernetesSettings kubernetes, GovernanceOptions governance)
            throws ConfigException {
        this(inventory, settings, kubernetes, governance,
                IncidentSettings.fromEnvironment(io.aihelpdesk.server.config.Environment.current(), null, Version.current()), Playbooks.builtIn());
    }

    /** Default Kubernetes settings and playbooks; incident bundles as given (tests, the bundle command). */
    public Helpdesk(Inventory inventory, PostgresSettings settings, GovernanceOptions governance, IncidentSettings incidents)
            throws ConfigException {
        this(inventory, settings, KubernetesSettings.defaults(), governance, incidents, Playbooks.builtIn());
    }

    /**
     * @param incidents where incident bundles go and how callbacks are made
     * @param playbooks the built-in playbooks and those of the user's directory ({@link Playbooks#load})
     */
    public Helpdesk(Inventory inventory, PostgresSettings settings, KubernetesSettings kubernetes, GovernanceOptions governance,
                    IncidentSettings incidents, Playbooks playbooks) throws ConfigException {
        this(inventory, settings, kubernetes, governance, incidents, playbooks, RemoteAgentTools.fromEnvironment(io.aihelpdesk.server.config.Environment.current()));
    }

    /**
     * @param remoteAgents the remote A2A agents as governed tools {@code a2a_<agent>} ({@link RemoteAgentTools})
     */
    public Helpdesk(Inventory inventory, PostgresSettings settings, KubernetesSettings kubernetes, GovernanceOptions governance,
                    IncidentSettings incidents, Playbooks playbooks, List<ToolDefinition<?, ?>> remoteAgents) throws ConfigException {
        this.inventory = inventory;
        this.incidents = incidents;
        this.playbooks = playbooks;
        playbooks.problems().forEach(p -> LOG.warn("playbook skipped: {}", p));
        playbooks.notes().forEach(n -> LOG.info("{}", n));
        this.policies = governance.policyFile() == null ? null : Policies.watch(governance.policyFile(),
                governance.defaultVerdict(), governance.dryRun(), Duration.ofSeconds(2),
                e -> LOG.error("policy file change rejected; the previous policy stays in force:\n{}", e.getMessage()));
        this.audit = governance.auditUrl() != null ? postgresAudit(governance.auditUrl()) : sqliteAudit(governance.auditDb());
        this.pools = new ConnectionPools(settings);
        Supplier<PolicyEngine> policy = policies == null ? null : policies::engine;
        this.clusters = new KubernetesTargets(inventory, new KubernetesClients(kubernetes));
        List<ToolDefinition<?, ?>> tools = new ArrayList<>(List.of(Diagnose.definition()));
        tools.addAll(PostgresToolset.all());
        tools.addAll(KubernetesToolset.all());
        tools.add(ExplainPolicyDecision.definition(policy));
        tools.add(ListPlaybooks.definition(playbooks));
        tools.add(GetPlaybook.definition(playbooks, this::offers));
        // Bundle files are masked by the pipeline's own redactor, which by then also knows the password of
        // every target the bundle's nested calls resolved.
        Redactor redactor = new Redactor();
        tools.addAll(IncidentToolset.all(incidents, new Redaction(redactor::text, Redactor.MASK)));
        // Reversible actions and their inverses live beside the audit chain (rollbacks.db).
        tools.addAll(RemediationToolset.all(new RollbackJournal(rollbackFile(governance))));
        tools.addAll(remoteAgents);
        Invoker invoker = new Invoker(new Catalog(tools), DatabaseTargets.of(inventory), pools, clusters);
        this.approvals = approvals(governance, audit);
        this.expiry = approvals.expiryWorker(governance.approvals().expiryEvery());
        this.pipeline = new Pipeline(invoker, policy, audit, redactor, Clock.systemUTC(), governance.mode(), approvals);
    }

    /** Approvals next to the audit chain: {@code approvals.db} beside the audit file, or the audit PostgreSQL. */
    private static Approvals approvals(GovernanceOptions governance, AuditStore audit) {
        ApprovalSettings s = governance.approvals();
        ApprovalStore store;
        if (s.store() != null) {
            store = JdbcApprovalStore.sqlite(s.store());
        } else if (governance.auditUrl() != null) {
            store = JdbcApprovalStore.postgres(dataSource(governance.auditUrl(), "aihelpdesk/approvals"));
        } else {
            store = JdbcApprovalStore.sqlite(governance.auditDb().toAbsolutePath().resolveSibling("approvals.db"));
        }
        return new Approvals(store, audit, new WebhookNotifier(s.webhook(), s.webhookFormat(), s.publicUrl()), Clock.systemUTC());
    }

    /** {@code rollbacks.db} in the audit chain's directory (the default audit directory with a shared PostgreSQL chain). */
    static java.nio.file.Path rollbackFile(GovernanceOptions governance) {
        java.nio.file.Path audit = governance.auditDb() != null ? governance.auditDb() : GovernanceOptions.defaultAuditDb();
        return audit.toAbsolutePath().resolveSibling("rollbacks.db");
    }

    private static AuditStore sqliteAudit(java.nio.file.Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit directory for " + file, e);
        }
        return new SqliteAuditStore(file);
    }

    /** A shared chain in PostgreSQL; the connection string follows the same rules as tool targets. */
    private static AuditStore postgresAudit(String connectionString) {
        return new PostgresAuditStore(dataSource(connectionString, "aihelpdesk/audit"));
    }

    private static PGSimpleDataSource dataSource(String connectionString, String applicationName) {
        ConnectionSpec spec = ConnectionStrings.fromEnvironment().parse(connectionString);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(spec.hosts().toArray(String[]::new));
        ds.setPortNumbers(spec.ports().stream().mapToInt(Integer::intValue).toArray());
        ds.setDatabaseName(spec.dbname());
        ds.setUser(spec.user());
        if (spec.password() != null) {
            ds.setPassword(spec.password());
        }
        ds.setApplicationName(applicationName);
        ds.setConnectTimeout(10);
        if (spec.option("sslmode") != null) {
            ds.setSslMode(spec.option("sslmode"));
        }
        return ds;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Catalog catalog() {
        return pipeline.catalog();
    }

    public IncidentSettings incidents() {
        return incidents;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The connection pools of the database targets (their usage is exported as metrics). */
    public ConnectionPools pools() {
        return pools;
    }

    /** Whether the catalog has a tool of this name (playbooks mark the steps whose tool it lacks). */
    private boolean offers(String tool) {
        return pipeline.catalog().find(tool).isPresent();
    }

    public Playbooks playbooks() {
        return playbooks;
    }

    public AuditStore audit() {
        return audit;
    }

    public Approvals approvals() {
        return approvals;
    }

    @Override
    public void close() {
        pools.close();
        clusters.close();
        if (policies != null) {
            policies.close();
        }
        try {
            expiry.close();
        } catch (Exception e) {
            LOG.warn("approval expiry worker did not stop: {}", e.toString());
        }
        approvals.store().close();
        audit.close();
    }
}
