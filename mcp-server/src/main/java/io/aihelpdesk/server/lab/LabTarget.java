package io.aihelpdesk.server.lab;

/**
 * The connection string the lab registers for its primary, and the overrides the config injector
 * applies to it (wrong password, missing database, an address that never answers).
 */
record LabTarget(String host, int port, String dbname, String user, String password) {
    String connectionString() {
        return "host=" + host + " port=" + port + " dbname=" + dbname + " user=" + user + " password=" + password
                + " connect_timeout=3";
    }

    LabTarget withPassword(String p) {
        return new LabTarget(host, port, dbname, user, p);
    }

    LabTarget withDbname(String d) {
        return new LabTarget(host, port, d, user, password);
    }

    LabTarget withEndpoint(String h, int p) {
        return new LabTarget(h, p, dbname, user, password);
    }
}
