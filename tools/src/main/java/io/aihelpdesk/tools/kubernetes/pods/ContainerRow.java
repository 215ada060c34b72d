package io.aihelpdesk.tools.kubernetes.pods;

import io.aihelpdesk.tools.Describe;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/** A container of a pod: its spec (image, resources) joined with its status (state, restarts, last termination). */
public record ContainerRow(
        String name,
        String image,
        boolean ready,
        int restartCount,
        @Describe("waiting, running or terminated") String state,
        @Describe("Why it is waiting or terminated: CrashLoopBackOff, ImagePullBackOff, ErrImagePull, OOMKilled, Error, ...") String reason,
        String message,
        @Describe("Exit code when terminated (137 = killed, often OOM)") Integer exitCode,
        String startedAt,
        @Describe("The previous run, when the container has restarted") Termination lastTermination,
        Map<String, String> requests,
        Map<String, String> limits) {

    public record Termination(String reason, Integer exitCode, String startedAt, String finishedAt, String message) {
    }

    static ContainerRow of(Container spec, ContainerStatus status) {
        ContainerState st = status == null ? null : status.getState();
        String state = "waiting";
        String reason = null;
        String message = null;
        Integer exit = null;
        String started = null;
        if (st != null && st.getRunning() != null) {
            state = "running";
            started = st.getRunning().getStartedAt();
        } else if (st != null && st.getTerminated() != null) {
            state = "terminated";
            reason = st.getTerminated().getReason();
            message = st.getTerminated().getMessage();
            exit = st.getTerminated().getExitCode();
            started = st.getTerminated().getStartedAt();
        } else if (st != null && st.getWaiting() != null) {
            reason = st.getWaiting().getReason();
            message = st.getWaiting().getMessage();
        }
        Termination last = null;
        if (status != null && status.getLastState() != null && status.getLastState().getTerminated() != null) {
            var t = status.getLastState().getTerminated();
            last = new Termination(t.getReason(), t.getExitCode(), t.getStartedAt(), t.getFinishedAt(), t.getMessage());
        }
        var res = spec == null ? null : spec.getResources();
        return new ContainerRow(spec != null ? spec.getName() : status.getName(),
                spec != null ? spec.getImage() : status.getImage(),
                status != null && Boolean.TRUE.equals(status.getReady()),
                status == null || status.getRestartCount() == null ? 0 : status.getRestartCount(),
                state, reason, message, exit, started, last,
                quantities(res == null ? null : res.getRequests()), quantities(res == null ? null : res.getLimits()));
    }

    static Map<String, String> quantities(Map<String, Quantity> q) {
        Map<String, String> out = new LinkedHashMap<>();
        if (q != null) {
            q.forEach((k, v) -> out.put(k, v.toString()));
        }
        return out;
    }
}
