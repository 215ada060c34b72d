package io.aihelpdesk.server.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/**
 * Makes a physical streaming replica of a lab primary without pg_basebackup (the embedded binaries
 * do not ship it): the SQL low-level backup API on the primary, a file copy of the data directory
 * while the backup is running, the {@code backup_label} returned by the stop call, and
 * {@code standby.signal} with {@code primary_conninfo} and a replication slot that keeps the WAL the
 * standby still needs.
 */
final class StreamingReplica {
    static final String SLOT = "lab_replica";
    /** Directories whose contents a base backup leaves out (PostgreSQL documents these as safe to omit). */
    private static final Set<String> EMPTY_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIP_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "restart.log",
            "backup_label", "tablespace_map");

    private StreamingReplica() {
    }

    static LabPostgres create(LabPostgres primary, Path replicaDir, int port, Map<String, String> config)
            throws IOException, SQLException {
        try (Connection c = primary.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
            int major = c.getMetaData().getDatabaseMajorVersion();
            s.execute(major >= 15 ? "select pg_backup_start('aihelpdesk-lab', true)" : "select pg_start_backup('aihelpdesk-lab', true, false)");
            copy(primary.dataDir(), replicaDir);
            String label;
            try (ResultSet r = s.executeQuery(major >= 15 ? "select labelfile from pg_backup_stop(false)"
                    : "select labelfile from pg_stop_backup(false)")) {
                r.next();
                label = r.getString(1);
            }
            Files.writeString(replicaDir.resolve("backup_label"), label);
        }
        Files.writeString(replicaDir.resolve("standby.signal"), "");
        Files.writeString(replicaDir.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port=" + primary.port()
                + " user=postgres application_name=lab_replica'\nprimary_slot_name = '" + SLOT + "'\n",
                java.nio.file.StandardOpenOption.APPEND);
        return LabPostgres.start("replica", replicaDir, port, config);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Path parent = from.relativize(dir);
                if (parent.getNameCount() == 1 && EMPTY_DIRS.contains(parent.toString())) {
                    if (parent.toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                if (rel.getNameCount() == 1 && SKIP_FILES.contains(rel.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, to.resolve(rel.toString()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A file the running primary removed during the copy (a temporary file, a dropped relation
                // segment) is not needed: WAL replay from the backup's start recreates what matters.
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
