package io.aihelpdesk.tools.kubernetes.workloads;

/** The workloads the remediation tools scale and restart. */
public enum WorkloadKind {
    DEPLOYMENT("Deployment"),
    STATEFULSET("StatefulSet");

    final String display;

    WorkloadKind(String display) {
        this.display = display;
    }
}
