package io.aihelpdesk.tools.kubernetes.events;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.kubernetes.Age;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One Kubernetes event as the tools report it. */
public record EventRow(
        @Describe("Normal or Warning") String type,
        @Describe("Machine-readable reason: FailedScheduling, BackOff, Failed, ProvisioningFailed, OOMKilling, ...") String reason,
        String message,
        @Describe("The object it is about, as Kind/name") String object,
        String namespace,
        @Describe("Component that reported it (kubelet, default-scheduler, ...)") String source,
        String firstSeen,
        String lastSeen,
        @Describe("How long ago it was last seen, kubectl style") String age,
        int count) {

    /** Newest first: by last-seen time, events without a time last. */
    public static final Comparator<EventRow> NEWEST_FIRST = Comparator.comparing(
            (EventRow e) -> Age.parse(e.lastSeen()), Comparator.nullsLast(Comparator.reverseOrder()));

    public static EventRow of(Event e, Instant now) {
        ObjectReference o = e.getInvolvedObject();
        String last = first(e.getLastTimestamp(), e.getEventTime() == null ? null : e.getEventTime().getTime(),
                e.getFirstTimestamp(), e.getMetadata().getCreationTimestamp());
        String source = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent()
                : e.getReportingComponent();
        return new EventRow(e.getType(), e.getReason(), e.getMessage(),
                o == null ? "" : o.getKind() + "/" + o.getName(), e.getMetadata().getNamespace(), source == null ? "" : source,
                first(e.getFirstTimestamp(), last), last, Age.of(last, now), e.getCount() == null ? 1 : e.getCount());
    }

    /**
     * Events about one object, newest first. The object is matched here rather than with an
     * {@code involvedObject.*} field selector: not every API server implementation honours those
     * selectors (fabric8's mock answers them with nothing), and a namespace's events are few.
     */
    public static List<EventRow> about(KubernetesClient client, String namespace, String kind, String name, Instant now) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
                        && kind.equals(e.getInvolvedObject().getKind()))
                .map(e -> of(e, now)).sorted(NEWEST_FIRST).toList();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
