package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of incidents: a SQLite file ({@code incidents.db}) beside the bundles, written in
 * transactions. The bundles are the truth and the index is derived from them: a missing or
 * damaged index is moved aside and rebuilt from the {@code manifest.json} inside each bundle, and
 * every listing reconciles it with the bundles on disk (a bundle renamed into place just before a
 * crash is picked up; a deleted one disappears).
 */
final class IncidentIndex {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentIndex.class);
    static final String FILE = "incidents.db";
    /** A temporary bundle file this old belongs to a writer that crashed; a live one is never that slow. */
    private static final long STALE_PARTIAL_MS = 3_600_000;
    private static final String SCHEMA = """
            create table if not exists incidents (
              incident_id text primary key, infra_key text not null, description text not null,
              timestamp text not null, bundle text not null, layers text not null,
              error_count integer not null, partial integer not null, size_bytes integer not null)
            """;

    private final Path dir;

    IncidentIndex(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Adds (or replaces) one incident in a transaction. */
    synchronized void add(IncidentEntry e) throws IOException {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            insert(c, e);
            c.commit();
        } catch (SQLException ex) {
            recover(ex);
            try (Connection c = open()) {
                insert(c, e); // the rebuild already found the bundle on disk; this is idempotent
            } catch (SQLException again) {
                throw new IOException("cannot write the incident index " + dir.resolve(FILE) + ": " + again.getMessage(), again);
            }
        }
    }

    /** Every incident, newest first, reconciled with the bundles on disk. */
    synchronized List<IncidentEntry> list() throws IOException {
        try {
            return reconcile();
        } catch (SQLException e) {
            recover(e);
            try {
                return reconcile();
            } catch (SQLException again) {
                throw new IOException("cannot read the incident index " + dir.resolve(FILE) + " even after rebuilding it: "
                        + again.getMessage(), again);
            }
        }
    }

    synchronized Optional<IncidentEntry> find(String id) throws IOException {
        return list().stream().filter(e -> e.incidentId().equals(id)).findFirst();
    }

    private List<IncidentEntry> reconcile() throws SQLException, IOException {
        Files.createDirectories(dir);
        try (Connection c = open()) {
            Map<String, IncidentEntry> indexed = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from incidents")) {
                while (rs.next()) {
                    IncidentEntry e = row(rs);
                    indexed.put(e.incidentId(), e);
                }
            }
            Map<String, Path> onDisk = bundlesOnDisk();
            c.setAutoCommit(false);
            for (Map.Entry<String, Path> b : onDisk.entrySet()) {
                IncidentEntry known = indexed.get(b.getKey());
                if (known == null || !known.bundle().equals(b.getValue().getFileName().toString())) {
                    IncidentEntry fromManifest = fromBundle(b.getValue());
                    if (fromManifest != null) {
                        insert(c, fromManifest);
                        indexed.put(fromManifest.incidentId(), fromManifest);
                    }
                }
            }
            for (String id : List.copyOf(indexed.keySet())) {
                if (!onDisk.containsKey(id)) {
                    try (PreparedStatement d = c.prepareStatement("delete from incidents where incident_id = ?")) {
                        d.setString(1, id);
                        d.executeUpdate();
                    }
                    indexed.remove(id);
                }
            }
            c.commit();
            List<IncidentEntry> out = new ArrayList<>(indexed.values());
            out.sort((a, b) -> b.timestamp().compareTo(a.timestamp()));
            return out;
        }
    }

    /** Moves a damaged index aside (kept for inspection) so the next open rebuilds it from the bundles. */
    private void recover(SQLException cause) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            Path aside = dir.resolve(FILE + ".damaged-" + System.currentTimeMillis());
            LOG.warn("incident index {} is unreadable ({}); moved to {} and rebuilding it from the bundles",
                    file, cause.getMessage(), aside.getFileName());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : List.of("-journal", "-wal", "-shm")) {
                Files.deleteIfExists(dir.resolve(FILE + suffix));
            }
        }
    }

    /** Bundles by id; temporary files a crashed writer left behind over an hour ago are removed on the way. */
    private Map<String, Path> bundlesOnDisk() throws IOException {
        Map<String, Path> out = new HashMap<>();
        long staleBefore = System.currentTimeMillis() - STALE_PARTIAL_MS;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (BundleArchive.idOf(p) != null) {
                    out.put(BundleArchive.idOf(p), p);
                } else if (name.startsWith(".incident-") && name.endsWith(".partial")
                        && Files.getLastModifiedTime(p).toMillis() < staleBefore) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return out;
    }

    /** The index entry of a bundle, from its manifest; null (and a warning) for an unreadable bundle. */
    private static IncidentEntry fromBundle(Path bundle) {
        try {
            byte[] manifest = BundleArchive.read(bundle).get("manifest.json");
            if (manifest == null) {
                LOG.warn("bundle {} has no manifest.json; not indexed", bundle);
                return null;
            }
            Manifest m = Json.mapper().readValue(new String(manifest, StandardCharsets.UTF_8), Manifest.class);
            return entry(m, bundle.getFileName().toString(), Files.size(bundle));
        } catch (IOException | RuntimeException e) {
            LOG.warn("bundle {} is unreadable ({}); not indexed", bundle, e.getMessage());
            return null;
        }
    }

    static IncidentEntry entry(Manifest m, String bundleName, long size) {
        return new IncidentEntry(m.incidentId(), m.infraKey(), m.description(), m.timestamp(), bundleName, m.layers(),
                m.errors().size(), m.partial(), size);
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(FILE));
        try (Statement s = c.createStatement()) {
            s.execute("pragma busy_timeout = 5000");
            s.execute("pragma synchronous = full");
            s.execute(SCHEMA);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void insert(Connection c, IncidentEntry e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert or replace into incidents values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, e.incidentId());
            p.setString(2, e.infraKey());
            p.setString(3, e.description());
            p.setString(4, e.timestamp());
            p.setString(5, e.bundle());
            p.setString(6, String.join(",", e.layers()));
            p.setInt(7, e.errorCount());
            p.setInt(8, e.partial() ? 1 : 0);
            p.setLong(9, e.sizeBytes());
            p.executeUpdate();
        }
    }

    private static IncidentEntry row(ResultSet rs) throws SQLException {
        String layers = rs.getString("layers");
        return new IncidentEntry(rs.getString("incident_id"), rs.getString("infra_key"), rs.getString("description"),
                rs.getString("timestamp"), rs.getString("bundle"),
                layers.isEmpty() ? List.of() : Arrays.asList(layers.split(",")), rs.getInt("error_count"),
                rs.getInt("partial") == 1, rs.getLong("size_bytes"));
    }
}
