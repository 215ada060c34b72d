package io.aihelpdesk.tools.kubernetes.services;

import io.aihelpdesk.tools.Describe;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.util.ArrayList;
import java.util.List;

/** One backend address of a service: where traffic goes, and whether it is currently sent there. */
public record EndpointAddress(
        String ip,
        String node,
        @Describe("The pod behind the address, when it is a pod") String pod,
        @Describe("False: the pod fails its readiness probe or is starting, so the service sends it nothing") boolean ready) {

    /** Every address of an Endpoints object, ready ones first. */
    static List<EndpointAddress> of(Endpoints e) {
        List<EndpointAddress> ready = new ArrayList<>();
        List<EndpointAddress> notReady = new ArrayList<>();
        for (EndpointSubset s : e.getSubsets()) {
            s.getAddresses().forEach(a -> ready.add(new EndpointAddress(a.getIp(), a.getNodeName(), pod(a), true)));
            s.getNotReadyAddresses().forEach(a -> notReady.add(new EndpointAddress(a.getIp(), a.getNodeName(), pod(a), false)));
        }
        ready.addAll(notReady);
        return List.copyOf(ready);
    }

    private static String pod(io.fabric8.kubernetes.api.model.EndpointAddress a) {
        return a.getTargetRef() != null && "Pod".equals(a.getTargetRef().getKind()) ? a.getTargetRef().getName() : null;
    }
}
