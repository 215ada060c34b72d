package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The incident directory: bundles and their index, read and written for the three incident tools. */
final class IncidentStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IncidentStore.class);
    private final IncidentIndex index;

    IncidentStore(Path dir) {
        this.index = new IncidentIndex(dir);
    }

    Path dir() {
        return index.dir();
    }

    /**
     * Writes the bundle atomically, then indexes it. An index that cannot be written does not lose
     * the bundle: the next listing finds it on disk and indexes it from its manifest.
     */
    Path save(String root, Manifest manifest, Map<String, byte[]> files, long mtime) throws ToolFailure {
        Path bundle;
        try {
            bundle = BundleArchive.write(dir(), root, files, mtime);
        } catch (IOException e) {
            throw new ToolFailure(new Diagnosis("incident_dir_unwritable", "cannot write the bundle " + root
                    + ".tar.gz into " + dir().toAbsolutePath() + ": " + e, "set HELPDESK_INCIDENT_DIR (or --incident-dir) "
                    + "to a writable directory; nothing else was changed", ""), e);
        }
        try {
            index.add(IncidentIndex.entry(manifest, bundle.getFileName().toString(), Files.size(bundle)));
        } catch (IOException e) {
            LOG.warn("bundle {} written but not indexed ({}); the next listing indexes it from its manifest", bundle, e.getMessage());
        }
        return bundle;
    }

    List<IncidentEntry> list() throws ToolFailure {
        try {
            return index.list();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The bundle of one incident and all its files. */
    Opened open(String id) throws ToolFailure {
        try {
            IncidentEntry e = index.find(id).orElseThrow(() -> new ToolFailure(new Diagnosis("incident_not_found",
                    "no incident " + id + " in " + dir(), "list_incidents shows the incidents there are", "")));
            Path bundle = dir().resolve(e.bundle());
            Map<String, byte[]> files = BundleArchive.read(bundle);
            byte[] m = files.get("manifest.json");
            if (m == null) {
                throw new IOException(bundle + " has no manifest.json");
            }
            return new Opened(e, bundle, Json.mapper().readValue(new String(m, StandardCharsets.UTF_8), Manifest.class), files);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    record Opened(IncidentEntry entry, Path bundle, Manifest manifest, Map<String, byte[]> files) {
    }

    private ToolFailure unreadable(Exception e) {
        return new ToolFailure(new Diagnosis("incident_store_unreadable", "cannot read the incident directory " + dir()
                + ": " + e.getMessage(), "check that HELPDESK_INCIDENT_DIR exists and is readable", ""), e);
    }
}
