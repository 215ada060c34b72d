package io.aihelpdesk.tools.postgres;

import io.aihelpdesk.tools.Param;

/** Parameters of a database tool that needs nothing but its target. */
public record TargetOnly(@Param(TargetOnly.CONNECTION_STRING) String connectionString) {
    /** The description every database tool gives its {@code connection_string} parameter. */
    public static final String CONNECTION_STRING = "Which database: an inventory id (preferred), a libpq string "
            + "('host=db1 port=5432 dbname=app user=monitor') or a postgresql:// URI. Empty uses PGHOST/PGPORT/"
            + "PGUSER/PGDATABASE and ~/.pgpass.";
}
