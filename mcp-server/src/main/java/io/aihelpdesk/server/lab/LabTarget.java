package io.aihelpdesk.server.lab;

import java.nio.file.Path;

/**
 * The connection string the lab registers for its primary, and the overrides the config injector
 * applies to it (wrong password, missing database, an address that never answers). The password
 * stays out of the inventory: it is in the lab's pgpass file ({@code passfile}), unless a fault
 * sets a wrong one explicitly (an explicit password wins over the file, as in libpq).
 */
record LabTarget(String host, int port, String dbname, String user, Path passfile, String password) {
    String connectionString() {
        return "host=" + host + " port=" + port + " dbname=" + dbname + " user=" + user
                + (password == null ? " passfile=" + passfile : " password=" + password) + " connect_timeout=3";
    }

    LabTarget withPassword(String p) {
        return new LabTarget(host, port, dbname, user, passfile, p);
    }

    LabTarget withDbname(String d) {
        return new LabTarget(host, port, d, user, passfile, password);
    }

    LabTarget withEndpoint(String h, int p) {
        return new LabTarget(h, p, dbname, user, passfile, password);
    }
}
