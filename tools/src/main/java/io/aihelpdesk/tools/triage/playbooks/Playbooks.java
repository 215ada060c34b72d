package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The playbooks this server offers: the built-in ones (one per finding category, shipped as
 * resources next to this class) plus those of a user directory. A user file that cannot be used is
 * reported in {@link #problems()} with file and line, and skipped; a user playbook with the id of a
 * built-in one replaces it, and {@link #notes()} says so.
 */
public final class Playbooks {
    /** The categories with a built-in playbook {@code <category>.yaml}, database first, then Kubernetes, then compound. */
    static final List<String> BUILT_IN = List.of(
            "connection_exhaustion", "connection_refused", "authentication_failure", "database_not_found",
            "lock_blocking", "deadlock", "idle_in_transaction", "long_running_transaction", "table_bloat", "vacuum_lag",
            "xid_wraparound_risk", "sequence_exhaustion", "invalid_index", "unused_or_duplicate_index",
            "cache_performance", "slow_queries", "replication_lag", "stale_replication_slot", "checkpoint_pressure",
            "config_problem",
            "pod_crash_loop", "pod_unschedulable", "image_pull_failure", "no_endpoints", "pvc_pending", "oom_killed",
            "scaled_to_zero", "node_pressure",
            "compound_crash", "compound_no_endpoints");
    static final String BUILT_IN_SOURCE = "built-in";

    private final Map<String, Playbook> byId;
    private final List<String> problems;
    private final List<String> notes;

    private Playbooks(Map<String, Playbook> byId, List<String> problems, List<String> notes) {
        this.byId = Collections.unmodifiableMap(byId);
        this.problems = List.copyOf(problems);
        this.notes = List.copyOf(notes);
    }

    /** The built-in playbooks only. */
    public static Playbooks builtIn() {
        return new Playbooks(loadBuiltIn(), List.of(), List.of());
    }

    /**
     * The built-in playbooks plus the {@code *.yaml}, {@code *.yml} and {@code *.json} files of
     * {@code userDir} (null: none). Nothing here throws for a bad user file or directory.
     */
    public static Playbooks load(Path userDir) {
        Map<String, Playbook> byId = loadBuiltIn();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (userDir == null) {
            return new Playbooks(byId, problems, notes);
        }
        if (!Files.isDirectory(userDir)) {
            problems.add(userDir + ": playbook directory not found; only the built-in playbooks are available");
            return new Playbooks(byId, problems, notes);
        }
        Map<String, String> userIds = new LinkedHashMap<>();
        for (Path file : files(userDir, problems)) {
            Playbook pb;
            try {
                pb = PlaybookReader.read(ConfigNode.read(file, "playbook"), file.toString());
            } catch (ConfigException e) {
                e.problems().forEach(problem -> problems.add(problem + " (file skipped)"));
                continue;
            }
            if (userIds.containsKey(pb.id())) {
                problems.add(file + ": id " + pb.id() + " is already defined by " + userIds.get(pb.id()) + " (file skipped)");
                continue;
            }
            userIds.put(pb.id(), file.toString());
            Playbook builtIn = byId.put(pb.id(), pb);
            if (builtIn != null) {
                notes.add(file + ": playbook " + pb.id() + " (version " + pb.version() + ") overrides the built-in one (version "
                        + builtIn.version() + ")");
            }
        }
        return new Playbooks(byId, problems, notes);
    }

    private static List<Path> files(Path dir, List<String> problems) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list the playbook directory: " + e.getMessage());
            return List.of();
        }
    }

    private static Map<String, Playbook> loadBuiltIn() {
        Map<String, Playbook> out = new LinkedHashMap<>();
        for (String category : BUILT_IN) {
            String name = category + ".yaml";
            try (InputStream in = Playbooks.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("built-in playbook " + name + " is missing from the classpath");
                }
                Playbook pb = PlaybookReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
                if (!pb.problemClass().equals(category) || !pb.id().equals("pb_" + category)) {
                    throw new IllegalStateException("built-in playbook " + name + " must have problem_class " + category
                            + " and id pb_" + category + ", has " + pb.problemClass() + " and " + pb.id());
                }
                out.put(pb.id(), new Playbook(pb.id(), pb.version(), pb.problemClass(), pb.title(), pb.symptoms(),
                        pb.investigation(), pb.remediation(), pb.escalation(), BUILT_IN_SOURCE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read built-in playbook " + name, e);
            } catch (ConfigException e) {
                throw new IllegalStateException("built-in playbook is invalid: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Every playbook: built-in order (with user overrides in place), then user playbooks by id. */
    public List<Playbook> all() {
        List<Playbook> builtIn = new ArrayList<>();
        List<Playbook> user = new ArrayList<>();
        byId.values().forEach(pb -> (BUILT_IN.contains(pb.problemClass()) && pb.id().equals("pb_" + pb.problemClass())
                ? builtIn : user).add(pb));
        builtIn.sort((a, b) -> Integer.compare(BUILT_IN.indexOf(a.problemClass()), BUILT_IN.indexOf(b.problemClass())));
        user.sort((a, b) -> a.id().compareTo(b.id()));
        List<Playbook> out = new ArrayList<>(builtIn);
        out.addAll(user);
        return out;
    }

    public Optional<Playbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The playbook for a finding category: the one with id {@code pb_<category>} when it handles that
     * category, else the first by id whose {@code problem_class} is the category.
     */
    public Optional<Playbook> forCategory(String category) {
        return find("pb_" + category).filter(pb -> pb.problemClass().equals(category))
                .or(() -> byId.values().stream().filter(pb -> pb.problemClass().equals(category))
                        .sorted((a, b) -> a.id().compareTo(b.id())).findFirst());
    }

    List<String> ids() {
        return all().stream().map(Playbook::id).toList();
    }

    /** Problems with user files or the user directory, each with file and line; those files were skipped. */
    public List<String> problems() {
        return problems;
    }

    /** Which user playbooks replaced built-in ones. */
    public List<String> notes() {
        return notes;
    }
}
