package io.aihelpdesk.tools.kubernetes.storage;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.kubernetes.Age;
import io.aihelpdesk.tools.kubernetes.events.EventRow;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One PersistentVolumeClaim: what was asked for, what was bound, and the events of a claim that is not bound. */
public record PvcRow(
        String name,
        String namespace,
        @Describe("Pending, Bound or Lost") String phase,
        @Describe("StorageClass asked for; null: the cluster default") String storageClass,
        @Describe("Storage requested, e.g. 100Gi") String requested,
        @Describe("Size of the bound volume; null until bound") String capacity,
        @Describe("The bound PersistentVolume; null until bound") String volume,
        List<String> accessModes,
        String age,
        @Describe("Events about the claim (ProvisioningFailed, WaitForFirstConsumer, ...), newest first; only for claims not Bound")
        List<EventRow> events) {

    static PvcRow of(PersistentVolumeClaim c, List<EventRow> events, Instant now) {
        var spec = c.getSpec();
        var status = c.getStatus();
        Map<String, Quantity> requests = spec.getResources() == null ? null : spec.getResources().getRequests();
        Map<String, Quantity> capacity = status == null ? null : status.getCapacity();
        return new PvcRow(c.getMetadata().getName(), c.getMetadata().getNamespace(),
                status == null || status.getPhase() == null ? "Pending" : status.getPhase(), spec.getStorageClassName(),
                storage(requests), storage(capacity), spec.getVolumeName() == null || spec.getVolumeName().isEmpty() ? null : spec.getVolumeName(),
                status != null && !status.getAccessModes().isEmpty() ? status.getAccessModes() : spec.getAccessModes(),
                Age.of(c.getMetadata().getCreationTimestamp(), now), events);
    }

    private static String storage(Map<String, Quantity> q) {
        return q == null || q.get("storage") == null ? null : q.get("storage").toString();
    }
}
