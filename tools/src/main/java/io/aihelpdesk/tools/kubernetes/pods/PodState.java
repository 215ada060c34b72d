package io.aihelpdesk.tools.kubernetes.pods;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;

/**
 * The one-word status kubectl prints for a pod (CrashLoopBackOff, ImagePullBackOff, OOMKilled,
 * Init:Error, Terminating, ...), which is what tells a human what is wrong; the phase alone says
 * "Running" or "Pending" for most broken pods.
 */
public final class PodState {
    private PodState() {
    }

    public static String of(Pod pod) {
        PodStatus s = pod.getStatus();
        if (s == null) {
            return "Unknown";
        }
        String reason = s.getReason() != null ? s.getReason() : s.getPhase() == null ? "Unknown" : s.getPhase();
        String init = initState(s.getInitContainerStatuses(), pod.getSpec() == null ? 0 : pod.getSpec().getInitContainers().size());
        if (init != null) {
            reason = init;
        } else {
            List<ContainerStatus> containers = s.getContainerStatuses();
            for (int i = containers.size() - 1; i >= 0; i--) {
                ContainerStatus c = containers.get(i);
                if (c.getState() == null) {
                    continue;
                }
                if (c.getState().getWaiting() != null && c.getState().getWaiting().getReason() != null) {
                    reason = c.getState().getWaiting().getReason();
                } else if (c.getState().getTerminated() != null) {
                    var t = c.getState().getTerminated();
                    reason = t.getReason() != null ? t.getReason()
                            : t.getSignal() != null && t.getSignal() != 0 ? "Signal:" + t.getSignal() : "ExitCode:" + t.getExitCode();
                }
            }
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            reason = "Terminating";
        }
        return reason;
    }

    private static String initState(List<ContainerStatus> inits, int total) {
        for (int i = 0; i < inits.size(); i++) {
            ContainerStatus c = inits.get(i);
            if (c.getState() == null) {
                continue;
            }
            var t = c.getState().getTerminated();
            if (t != null && t.getExitCode() != null && t.getExitCode() == 0) {
                continue;
            }
            if (t != null) {
                return "Init:" + (t.getReason() != null ? t.getReason() : "ExitCode:" + t.getExitCode());
            }
            var w = c.getState().getWaiting();
            if (w != null && w.getReason() != null && !"PodInitializing".equals(w.getReason())) {
                return "Init:" + w.getReason();
            }
            return "Init:" + i + "/" + total;
        }
        return null;
    }
}
