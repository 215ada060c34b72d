package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The {@code connections} injector: opens idle sessions as {@code role} and holds them until
 * teardown. {@code count: fill} opens them until the server refuses the role ("too many clients"
 * or "remaining connection slots are reserved", SQLState 53300), leaving only reserved slots.
 */
final class ConnectionsInjector implements Injector {
    private static final int CAP = 500;
    private final Lab lab;

    ConnectionsInjector(Lab lab) {
        this.lab = lab;
    }

    @Override
    public String type() {
        return "connections";
    }

    @Override
    public void inject(Fault fault, Step step, UndoStack undo) throws Exception {
        String role = step.option("role", Lab.APP_ROLE);
        String count = step.option("count", "fill");
        int wanted = count.equals("fill") ? CAP : Integer.parseInt(count);
        int held = 0;
        while (held < wanted) {
            Connection c;
            try {
                c = lab.primary().connect(Lab.DATABASE, role, "lab-app " + fault.id());
            } catch (SQLException e) {
                if ("53300".equals(e.getSQLState()) && count.equals("fill")) {
                    return;
                }
                throw e;
            }
            undo.push("close held connection", c::close);
            held++;
        }
        if (count.equals("fill")) {
            throw new SQLException("fault " + fault.id() + ": the server still accepted " + role + " after " + CAP
                    + " sessions; is max_connections larger than the lab sets it?", "53300");
        }
    }
}
