package io.aihelpdesk.server.lab;

import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls tools on the lab through the governance pipeline (fix mode: tests also change things), with the lab's inventory as it is now. */
final class LabFixture {
    private LabFixture() {
    }

    static Outcome call(Lab lab, String tool, Object... kv) throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        try (Helpdesk h = new Helpdesk(InventoryLoader.load(lab.inventoryFile()), PostgresSettings.defaults(),
                new KubernetesSettings(lab.kubeconfig(), KubernetesSettings.DEFAULT_TIMEOUT),
                GovernanceOptions.auditOnly(lab.dir().resolve("audit-test.db")).withMode(io.aihelpdesk.governance.OperatingMode.FIX))) {
            return h.pipeline().run(new Invocation(tool, args, new Caller("lab-test", "service", List.of(), "test"), null, "test"));
        }
    }
}
