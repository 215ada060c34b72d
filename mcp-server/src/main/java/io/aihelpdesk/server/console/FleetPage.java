package io.aihelpdesk.server.console;

import static io.aihelpdesk.server.console.Html.esc;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.server.InventoryView;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.K8sCluster;
import io.aihelpdesk.tools.inventory.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fleet health: every inventory target with its latest {@code diagnose}: the findings of the last run
 * from this console, else the newest diagnose outcome in the audit trail (any door). The
 * refresh button runs {@code diagnose} for each database through the governance {@link Pipeline}
 * (door {@code console}, as the signed-in principal), so policy applies and each run is audited.
 */
final class FleetPage {
    static final String DOOR = "console";
    private static final int PARALLEL = 4;
    private final Pipeline pipeline;
    private final Inventory inventory;
    private final Map<String, Reading> latest = new ConcurrentHashMap<>();

    private final AuditStore audit;

    FleetPage(Pipeline pipeline, Inventory inventory, AuditStore audit) {
        this.pipeline = pipeline;
        this.inventory = inventory;
        this.audit = audit;
    }

    /** One diagnose run: when, by whom, under which trace, how it ended. */
    record Reading(Instant at, String by, String traceId, String status, String text, List<Map<String, Object>> findings) {
    }

    String render(String csrf) {
        StringBuilder b = new StringBuilder("<h1>Fleet health</h1>");
        b.append("<form method=\"post\" action=\"/console/fleet/refresh\">").append(Html.csrf(csrf))
                .append("<button type=\"submit\" id=\"refresh\">Run diagnose on every database</button></form>");
        if (inventory.dbServers().isEmpty()) {
            b.append("<p class=\"empty\">The inventory lists no databases")
                    .append(inventory.configured() ? "" : " (no inventory file is configured: set HELPDESK_INFRA_CONFIG)").append(".</p>");
        }
        Map<String, Reading> trail = inventory.dbServers().keySet().stream().allMatch(latest::containsKey) ? Map.of() : fromAudit();
        for (DbServer db : inventory.dbServers().values()) {
            b.append(card(db, latest.getOrDefault(db.id(), trail.get(db.id())), csrf));
        }
        if (!inventory.k8sClusters().isEmpty() || !inventory.vms().isEmpty()) {
            b.append("<h2>Clusters and hosts</h2><table class=\"list\"><thead><tr><th>Kind</th><th>Id</th><th>Where</th></tr></thead><tbody>");
            for (K8sCluster c : inventory.k8sClusters().values()) {
                b.append("<tr><td>kubernetes</td><td>").append(esc(c.id())).append("</td><td>context ").append(esc(c.context())).append("</td></tr>");
            }
            for (Vm v : inventory.vms().values()) {
                b.append("<tr><td>vm</td><td>").append(esc(v.id())).append("</td><td>").append(esc(v.host())).append("</td></tr>");
            }
            b.append("</tbody></table><p class=\"hint\">Their pods, services and hosts are checked by the diagnose of the databases placed on them.</p>");
        }
        return b.toString();
    }

    /**
     * The newest {@code diagnose} outcome per database in the audit trail, whichever door ran it (the
     * trail keeps the result's first 500 characters, not the findings).
     */
    private Map<String, Reading> fromAudit() {
        Map<String, Reading> found = new java.util.HashMap<>();
        AuditQuery q = AuditQuery.all().tool("diagnose").type("outcome").limit(AuditQuery.MAX_LIMIT);
        for (List<AuditEvent> page = audit.query(q); !page.isEmpty(); ) {
            for (AuditEvent e : page) {
                Object target = e.tool() == null || e.tool().parameters() == null ? null : e.tool().parameters().get("connection_string");
                if (target != null && e.outcome() != null) {
                    String status = "success".equals(e.outcome().status()) ? "diagnosed" : e.outcome().status();
                    String text = e.outcome().errorMessage() != null ? e.outcome().errorMessage() : e.tool().result();
                    found.put(target.toString(), new Reading(e.timestamp(), (e.principal() == null ? "" : e.principal().id())
                            + (e.tool().agent() == null ? "" : " via " + e.tool().agent().replace("aihelpdesk/", "")) + " (from the audit trail)",
                            e.traceId(), status, text == null ? "" : text, List.of()));
                }
            }
            q = q.next(page);
            page = q == null ? List.of() : audit.query(q);
        }
        return found;
    }

    private String card(DbServer db, Reading r, String csrf) {
        String status = r == null ? "not_run" : r.status();
        StringBuilder b = new StringBuilder("<section class=\"card target\" data-target=\"").append(esc(db.id())).append("\">")
                .append("<h3>").append(esc(db.id())).append(db.name() == null || db.name().equals(db.id()) ? "" : " — " + esc(db.name()))
                .append(" <span class=\"badge ").append(esc(status)).append("\">").append(esc(status.replace('_', ' '))).append("</span></h3>")
                .append("<p><code>").append(esc(InventoryView.mask(db.connectionString()))).append("</code> · ").append(esc(db.hosting())).append("</p>");
        if (r == null) {
            b.append("<p class=\"empty\">No diagnose of this database in the audit trail yet.</p>");
        } else {
            b.append("<p><small>").append(Html.time(r.at())).append(" by ").append(esc(r.by())).append(", trace <a href=\"/console/audit?trace=")
                    .append(esc(Html.url(r.traceId()))).append("\"><code>").append(esc(r.traceId())).append("</code></a></small></p>");
            if (r.findings().isEmpty()) {
                b.append("<pre class=\"text\">").append(esc(AuditPage.shorten(r.text(), 2000))).append("</pre>");
            } else {
                b.append("<ul class=\"findings\">");
                for (Map<String, Object> f : r.findings()) {
                    b.append("<li><span class=\"badge ").append(esc(f.get("severity"))).append("\">").append(esc(f.get("severity")))
                            .append("</span> ").append(esc(f.get("title"))).append(" <small>").append(esc(f.get("category"))).append("</small></li>");
                }
                b.append("</ul>");
            }
        }
        b.append("<form method=\"post\" action=\"/console/fleet/refresh\">").append(Html.csrf(csrf))
                .append("<input type=\"hidden\" name=\"target\" value=\"").append(esc(db.id())).append("\">")
                .append("<button type=\"submit\" class=\"small\">Run diagnose</button></form></section>");
        return b.toString();
    }

    /** Runs diagnose on one database ({@code target}) or on all of them; returns what to tell the person. */
    Html.Notice refresh(String target, Caller caller) {
        List<DbServer> dbs = inventory.dbServers().values().stream().filter(db -> target == null || db.id().equals(target)).toList();
        if (dbs.isEmpty()) {
            return Html.Notice.refused(target == null ? "The inventory lists no databases to diagnose."
                    : "No database '" + target + "' in the inventory.");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, dbs.size()));
        try {
            List<Future<Reading>> runs = new ArrayList<>();
            for (DbServer db : dbs) {
                runs.add(pool.submit(() -> diagnose(db, caller)));
            }
            int alarming = 0;
            for (int i = 0; i < dbs.size(); i++) {
                Reading r = runs.get(i).get();
                latest.put(dbs.get(i).id(), r);
                alarming += r.status().equals("healthy") ? 0 : 1;
            }
            return Html.Notice.ok("Diagnosed " + dbs.size() + " database" + (dbs.size() == 1 ? "" : "s") + ": "
                    + (dbs.size() - alarming) + " healthy, " + alarming + " need attention.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Html.Notice.refused("Interrupted while diagnosing.");
        } catch (java.util.concurrent.ExecutionException e) {
            return Html.Notice.refused("Diagnose failed: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private Reading diagnose(DbServer db, Caller caller) {
        String trace = Invocation.newTraceId();
        Outcome o = pipeline.run(new Invocation("diagnose", Map.of("connection_string", db.id()), caller, trace, DOOR));
        String who = caller.id();
        if (o instanceof Outcome.Succeeded s) {
            List<Map<String, Object>> findings = s.data().get("findings") instanceof List<?> l
                    ? l.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList() : List.of();
            boolean healthy = Boolean.TRUE.equals(s.data().get("healthy"));
            return new Reading(Instant.now(), who, trace, healthy ? "healthy" : "findings", s.text(), findings);
        }
        String status = o instanceof Outcome.Denied ? "denied" : o instanceof Outcome.PendingApproval ? "pending_approval"
                : o instanceof Outcome.Invalid ? "invalid" : "failed";
        return new Reading(Instant.now(), who, trace, status, o.text(), List.of());
    }
}
