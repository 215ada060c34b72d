package io.aihelpdesk.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart rendered by real Helm ({@code helm template}) and parsed into fabric8 model objects. */
record RenderedChart(String yaml, List<HasMetadata> resources) {
    static final Path CHART = Repo.file("deploy/helm/helpdesk");
    static final String RELEASE = "helpdesk";
    static final String NAMESPACE = "aihelpdesk";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static RenderedChart render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        values.forEach(template::set);
        String yaml = template.call();
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
                out.add(SERIALIZATION.unmarshal(doc, HasMetadata.class));
            }
        }
        return new RenderedChart(yaml, List.copyOf(out));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in:\n"
                + resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList()));
    }

    List<HasMetadata> ofKind(String kind) {
        return resources.stream().filter(r -> r.getKind().equals(kind)).toList();
    }
}
