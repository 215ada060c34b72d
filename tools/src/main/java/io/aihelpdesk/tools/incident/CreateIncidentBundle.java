package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.K8sCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code create_incident_bundle}: collects a diagnostic bundle for vendor support and writes it as
 * one tar.gz under the incident directory. Layers are optional and failure-tolerant: a failing
 * item writes its error into the bundle and collection goes on. An overall time budget cuts what
 * is left and says so; database and Kubernetes items run as nested, governed tool calls.
 */
public final class CreateIncidentBundle {
    static final List<String> LAYERS = List.of("database", "kubernetes", "os", "storage");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private CreateIncidentBundle() {
    }

    public record Params(
            @Param(value = "What the bundle is about: an inventory database id (which then supplies connection_string "
                    + "and the Kubernetes context and namespace when those are empty) or any label", defaultValue = "unknown")
            String infraKey,
            @Param(value = "What happened, in a sentence, for the support engineer", defaultValue = "Diagnostic bundle")
            String description,
            @Param("Database to collect from: inventory id, libpq string or postgresql:// URI; empty skips the database "
                    + "layer unless infra_key is an inventory database")
            String connectionString,
            @Param("Kubernetes context of the database's cluster; empty skips the kubernetes layer unless it is "
                    + "named in layers or comes from the inventory")
            String k8sContext,
            @Param(value = "Kubernetes namespace of the database", defaultValue = "default") String k8sNamespace,
            @Param("URL to POST the result JSON to when the bundle is written (signed with HMAC-SHA256 when the "
                    + "server has a callback secret); link-local and cloud metadata addresses are refused")
            String callbackUrl,
            @Param("Comma-separated layers to collect: database, kubernetes, os, storage; empty = every layer that applies")
            String layers,
            @Param(value = "Overall time budget in seconds; what is not collected in time is listed as cut and the "
                    + "bundle is marked partial; 0 = the server default (60)", defaultValue = "0", min = 0, max = 600)
            int budgetSeconds) {
        public Params {
            if (layers != null && !layers.isBlank()) {
                for (String l : layers.split(",")) {
                    if (!LAYERS.contains(l.trim().toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("layers: unknown layer '" + l.trim() + "' (expected some of " + LAYERS + ")");
                    }
                }
            }
        }
    }

    public record Reply(
            String incidentId,
            @Describe("Absolute path of the tar.gz") String bundlePath,
            String timestamp,
            @Describe("Per layer: collected, skipped (why) or cut") Map<String, String> layers,
            int fileCount,
            long sizeBytes,
            @Describe("Items that failed (their errors are in the bundle too)") List<Manifest.ItemError> errors,
            @Describe("Items cut by the time budget") List<String> cut,
            boolean partial,
            long durationMs,
            @Describe("Secret values masked in the bundle") long redacted,
            @Describe("The triage engine's most important findings (full report: triage/diagnose.txt in the bundle)")
            List<Manifest.TopFinding> findings,
            @Describe("Callback delivery, when a callback_url was given") Callback.Delivery callback) {
    }

    static ToolDefinition<Params, Reply> definition(IncidentSettings settings, IncidentStore store, Redaction redaction) {
        Callback callback = new Callback(settings);
        return new ToolDefinition<>("create_incident_bundle",
                "Collect a diagnostic bundle for vendor support: database (every read-only database tool plus a "
                        + "few seconds of activity samples), Kubernetes (pods, services, endpoints, events, nodes, "
                        + "workloads, PVCs, describe and logs of the database pods), host OS and storage commands. "
                        + "Writes incident-<id>-<time>.tar.gz with manifest.json (checksums), summary.md and one file "
                        + "per item, secrets masked. Failing items are recorded, never fatal; a time budget (default "
                        + "60 s) yields a partial bundle that says what was cut.",
                Effect.WRITE, TargetKind.HOST, Params.class, Reply.class,
                (p, ctx) -> new Run(settings, store, redaction, callback, p, ctx).collect());
    }

    /** One bundle being collected. */
    private static final class Run {
        private final IncidentSettings settings;
        private final IncidentStore store;
        private final Redaction redaction;
        private final Callback callback;
        private final Params p;
        private final ToolContext ctx;

        Run(IncidentSettings settings, IncidentStore store, Redaction redaction, Callback callback, Params p, ToolContext ctx) {
            this.settings = settings;
            this.store = store;
            this.redaction = redaction;
            this.callback = callback;
            this.p = p;
            this.ctx = ctx;
        }

        Result<Reply> collect() throws Exception {
            URI callbackUri = blank(p.callbackUrl()) ? null : callback.check(p.callbackUrl());
            Instant started = Instant.now();
            long start = System.nanoTime();
            Duration budget = p.budgetSeconds() > 0 ? Duration.ofSeconds(p.budgetSeconds()) : settings.budget();
            BundleContents out = new BundleContents(redaction, start + budget.toNanos());
            String id = HexFormat.of().formatHex(bytes(4));
            Target t = target();
            List<String> layers = layers(t);
            Map<String, String> status = new LinkedHashMap<>();
            String pgVersion = collectLayers(layers, t, budget, out, status);
            ctx.progress().report(layers.size(), layers.size() + 1, "triage and writing the bundle");
            Findings findings = findings(t, layers, out);
            Manifest manifest = finish(out, id, started, start, budget, layers, status, pgVersion, findings);
            String root = "incident-" + id + "-" + STAMP.format(started);
            Path bundle = store.save(root, manifest, out.files(), started.getEpochSecond());
            long size = java.nio.file.Files.size(bundle);
            Reply reply = reply(manifest, bundle, out, size, null);
            if (callbackUri != null) {
                ctx.progress().report(layers.size() + 0.5, layers.size() + 1, "posting the result to the callback");
                byte[] body = Json.write(Json.toMap(reply)).getBytes(StandardCharsets.UTF_8);
                reply = reply(manifest, bundle, out, size, callback.post(callbackUri, id, body));
            }
            ctx.progress().report(layers.size() + 1, layers.size() + 1, "bundle written");
            return Result.of(reply, "Incident bundle " + id + " written to " + bundle + ": " + reply.fileCount() + " files, "
                    + size / 1024 + " KiB in " + manifest.durationMs() + " ms; " + manifest.errors().size() + " error(s)"
                    + (manifest.findings().isEmpty() ? "" : "; top finding: " + manifest.findings().get(0).severity() + " "
                    + manifest.findings().get(0).title())
                    + (manifest.partial() ? "; PARTIAL, cut by the time budget: " + manifest.cut() : "")
                    + (reply.callback() == null ? "" : "; callback " + reply.callback().status()));
        }

        /**
         * Runs the layers in order, each failure-tolerant, recording per layer whether it was
         * collected (and with how many errors), skipped, cut or failed; returns the PostgreSQL version
         * when the database answered.
         */
        private String collectLayers(List<String> layers, Target t, Duration budget, BundleContents out,
                                     Map<String, String> status) {
            String pgVersion = null;
            for (int i = 0; i < layers.size(); i++) {
                String layer = layers.get(i);
                // One step per layer plus one for writing: the total stays the same from the first report on.
                ctx.progress().report(i, layers.size() + 1, "collecting " + layer + " (" + (i + 1) + " of " + layers.size() + ")");
                String skipped = skipReason(layer, t);
                if (skipped != null) {
                    status.put(layer, "skipped: " + skipped);
                    continue;
                }
                if (out.expired()) {
                    status.put(layer, "cut: time budget of " + budget.toSeconds() + " s spent");
                    out.cut(layer);
                    continue;
                }
                int cutBefore = out.cutItems().size();
                int errorsBefore = out.errors().size();
                try {
                    String v = collectLayer(layer, t, out);
                    pgVersion = v != null ? v : pgVersion;
                    int errors = out.errors().size() - errorsBefore;
                    status.put(layer, out.cutItems().size() > cutBefore ? "partial: time budget ran out"
                            : errors == 0 ? "collected" : "collected with " + errors + " error(s)");
                } catch (RuntimeException e) {
                    out.error(layer, "collector failed: " + e);
                    status.put(layer, "failed: " + e.getClass().getSimpleName());
                }
            }
            return pgVersion;
        }

        /** The triage engine's findings over what the database layer examined; a note when it did not run. */
        private Findings findings(Target t, List<String> layers, BundleContents out) {
            if (!layers.contains("database")) {
                return new Findings(List.of(), "the database layer was not requested");
            }
            String skip = TriageStep.skipReason(ctx, t.connectionString());
            if (skip != null) {
                return new Findings(List.of(), skip);
            }
            int errorsBefore = out.errors().size();
            int cutBefore = out.cutItems().size();
            List<Manifest.TopFinding> top = TriageStep.run(ctx, t.connectionString(),
                    blank(t.k8sContext()) ? null : t.k8sContext(), t.inventoryK8s() || !blank(t.k8sContext()) ? t.k8sNamespace() : null, out);
            if (out.cutItems().size() > cutBefore) {
                return new Findings(List.of(), "the time budget ran out before the triage engine finished");
            }
            return out.errors().size() > errorsBefore ? new Findings(List.of(), "the triage engine failed (see errors)")
                    : new Findings(top, null);
        }

        private Manifest finish(BundleContents out, String id, Instant started, long start, Duration budget,
                                List<String> layers, Map<String, String> status, String pgVersion, Findings findings) {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("aihelpdesk", settings.serverVersion());
            versions.put("java", Runtime.version().toString());
            versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
            if (pgVersion != null) {
                versions.put("postgresql", pgVersion);
            }
            if (!out.errors().isEmpty()) {
                StringBuilder errs = new StringBuilder();
                out.errors().forEach(e -> errs.append(e.item()).append(": ").append(e.message()).append('\n'));
                out.text("errors.txt", errs.toString());
            }
            long duration = (System.nanoTime() - start) / 1_000_000;
            Manifest draft = manifest(out, id, started, budget, layers, status, versions, duration, findings);
            out.text("summary.md", Summary.markdown(draft, out.files()));
            Manifest m = manifest(out, id, started, budget, layers, status, versions, duration, findings);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("manifest.json", (Json.writePretty(m) + "\n").getBytes(StandardCharsets.UTF_8));
            files.putAll(out.files());
            out.files().clear();
            out.files().putAll(files);
            return m;
        }

        private Manifest manifest(BundleContents out, String id, Instant started, Duration budget, List<String> layers,
                                  Map<String, String> status, Map<String, String> versions, long duration, Findings findings) {
            List<Manifest.FileEntry> entries = new ArrayList<>();
            out.files().forEach((path, data) -> entries.add(new Manifest.FileEntry(path, data.length, sha256(data))));
            long masked = out.masked().values().stream().mapToLong(Long::longValue).sum();
            return new Manifest(id, redaction.apply(p.infraKey()), redaction.apply(p.description()), started.toString(), layers,
                    status, entries, List.copyOf(out.errors()), List.copyOf(out.notInstalled()), List.copyOf(out.cutItems()),
                    !out.cutItems().isEmpty(), budget.toMillis(), duration, versions, out.tools(),
                    new Manifest.Redacted(masked, Map.copyOf(out.masked())), findings.top(), findings.note());
        }

        private Reply reply(Manifest m, Path bundle, BundleContents out, long size, Callback.Delivery delivery) {
            return new Reply(m.incidentId(), bundle.toAbsolutePath().toString(), m.timestamp(), m.layerStatus(),
                    out.files().size(), size, m.errors(), m.cut(), m.partial(), m.durationMs(), m.redaction().masked(),
                    m.findings(), delivery);
        }

        private String collectLayer(String layer, Target t, BundleContents out) {
            boolean mac = HostCommand.macOs();
            switch (layer) {
                case "database" -> {
                    return DatabaseLayer.collect(ctx, t.connectionString(), out);
                }
                case "kubernetes" -> KubernetesLayer.collect(ctx, t.k8sContext(), t.k8sNamespace(), p.infraKey(),
                        t.inventoryK8s(), out);
                case "os" -> HostLayer.collect("os", HostLayer.os(mac), settings.commandTimeout(), out);
                case "storage" -> HostLayer.collect("storage", HostLayer.storage(mac), settings.commandTimeout(), out);
                default -> throw new IllegalStateException("unknown layer " + layer);
            }
            return null;
        }

        /** Null when the layer runs, else why it is skipped. */
        private String skipReason(String layer, Target t) {
            if (layer.equals("database") && blank(t.connectionString())) {
                return "no connection_string (and infra_key is not an inventory database)";
            }
            if (layer.equals("kubernetes") && blank(t.k8sContext()) && !t.kubernetesAsked() && !t.inventoryK8s()) {
                return "no k8s_context (name the kubernetes layer in layers to use the current context)";
            }
            return null;
        }

        private List<String> layers(Target t) {
            if (blank(p.layers())) {
                return LAYERS;
            }
            List<String> asked = Arrays.stream(p.layers().split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).distinct().toList();
            return LAYERS.stream().filter(asked::contains).toList();
        }

        /** Connection and Kubernetes placement: the arguments, else what the inventory says about infra_key. */
        private Target target() {
            DbServer db = ctx.inventory().database(p.infraKey()).orElse(null);
            String conn = !blank(p.connectionString()) ? p.connectionString() : db != null ? db.id() : null;
            String context = p.k8sContext();
            String namespace = p.k8sNamespace();
            if (db != null && db.k8sCluster() != null) {
                K8sCluster cluster = ctx.inventory().k8sClusters().get(db.k8sCluster());
                context = blank(context) && cluster != null ? cluster.context() : context;
                namespace = "default".equals(namespace) && db.k8sNamespace() != null ? db.k8sNamespace() : namespace;
            }
            boolean asked = !blank(p.layers()) && p.layers().toLowerCase(Locale.ROOT).contains("kubernetes");
            boolean inventoryK8s = db != null && (db.k8sCluster() != null || db.k8sNamespace() != null);
            return new Target(conn, context, namespace, asked, inventoryK8s);
        }
    }

    /** The triage engine's top findings, or why there are none. */
    private record Findings(List<Manifest.TopFinding> top, String note) {
    }

    /** Where to collect from, after the inventory filled in what the arguments left empty. */
    private record Target(String connectionString, String k8sContext, String k8sNamespace, boolean kubernetesAsked,
                          boolean inventoryK8s) {
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
