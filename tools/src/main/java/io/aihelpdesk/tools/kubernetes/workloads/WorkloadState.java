package io.aihelpdesk.tools.kubernetes.workloads;

import io.aihelpdesk.tools.Describe;

/** A Deployment or StatefulSet as the remediation tools capture it before and after a change. */
public record WorkloadState(
        @Describe("Deployment or StatefulSet") String kind,
        String name,
        String namespace,
        @Describe("spec.replicas") int replicas,
        @Describe("status.readyReplicas") int ready,
        @Describe("status.updatedReplicas: running the latest template") int updated,
        Long generation,
        Long observedGeneration,
        @Describe("The pod template's kubectl.kubernetes.io/restartedAt annotation, if any") String restartedAt) {
}
