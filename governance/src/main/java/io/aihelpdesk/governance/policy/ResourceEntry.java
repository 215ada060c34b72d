package io.aihelpdesk.governance.policy;

import java.util.List;

/** One entry of a policy's {@code resources}: a type plus optional name, pattern, tags (all-of) and namespace. */
record ResourceEntry(String type, String name, Glob namePattern, List<String> tags, String namespace) {

    /** Null when the resource fits this entry, else the first thing that does not fit. */
    String mismatch(Resource r) {
        if (!type.equals(r.type())) {
            return "resource type " + r.type() + " is not " + type;
        }
        if (name != null && !name.equals(r.name())) {
            return "resource name " + r.name() + " is not " + name;
        }
        if (namePattern != null && !namePattern.matches(r.name())) {
            return "resource name " + r.name() + " does not match " + namePattern.text();
        }
        for (String tag : tags) {
            if (!r.tags().contains(tag)) {
                return "resource tag " + tag + " missing";
            }
        }
        if (namespace != null && !namespace.equals(r.namespace())) {
            return r.namespace() == null ? "resource has no namespace, needs " + namespace
                    : "resource namespace " + r.namespace() + " is not " + namespace;
        }
        return null;
    }
}
