package io.aihelpdesk.tools.kubernetes.services;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.kubernetes.Age;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Service as {@code get_service} and {@code describe_service} report it. */
public record ServiceRow(
        String name,
        String namespace,
        @Describe("ClusterIP, NodePort, LoadBalancer or ExternalName") String type,
        @Describe("The virtual IP; 'None' for a headless service") String clusterIp,
        @Describe("spec.externalIPs plus the load balancer's ingress IPs and hostnames") List<String> externalIps,
        @Describe("True for a LoadBalancer the cloud has not given an address yet (kubectl shows <pending>)") boolean externalPending,
        @Describe("The DNS name an ExternalName service points to") String externalName,
        List<Port> ports,
        @Describe("Labels a pod must carry to receive this service's traffic; empty: endpoints are managed by hand") Map<String, String> selector,
        String age) {

    public record Port(
            String name,
            int port,
            @Describe("Container port number or name the traffic goes to") String targetPort,
            String protocol,
            @Describe("Port opened on every node, for NodePort and LoadBalancer services") Integer nodePort) {
    }

    static ServiceRow of(Service s, Instant now) {
        ServiceSpec spec = s.getSpec();
        String type = spec.getType() == null ? "ClusterIP" : spec.getType();
        List<String> external = new ArrayList<>(spec.getExternalIPs());
        if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null) {
            for (LoadBalancerIngress i : s.getStatus().getLoadBalancer().getIngress()) {
                external.add(i.getIp() != null ? i.getIp() : i.getHostname());
            }
        }
        List<Port> ports = spec.getPorts().stream().map(p -> new Port(p.getName(), p.getPort() == null ? 0 : p.getPort(),
                target(p.getTargetPort(), p.getPort()), p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getNodePort())).toList();
        return new ServiceRow(s.getMetadata().getName(), s.getMetadata().getNamespace(), type, spec.getClusterIP(),
                List.copyOf(external), "LoadBalancer".equals(type) && external.isEmpty(), spec.getExternalName(), ports,
                spec.getSelector() == null ? Map.of() : spec.getSelector(), Age.of(s.getMetadata().getCreationTimestamp(), now));
    }

    /** kubectl's short form: {@code orders-db-rw ClusterIP 10.96.14.7 5432/TCP}. */
    String brief() {
        return name + " " + addressing();
    }

    /** Type, address, external address when there is one, and ports: {@code ClusterIP 10.96.14.7 5432/TCP}. */
    String addressing() {
        String addr = "ExternalName".equals(type) ? externalName : clusterIp;
        String ext = externalPending ? " external <pending>" : externalIps.isEmpty() ? "" : " external " + String.join(",", externalIps);
        return type + " " + addr + ext + " " + String.join(",", ports.stream().map(p -> p.port() + "/" + p.protocol()).toList());
    }

    private static String target(IntOrString t, Integer port) {
        if (t == null) {
            return port == null ? null : port.toString();
        }
        return t.getIntVal() != null ? t.getIntVal().toString() : t.getStrVal();
    }
}
