package io.aihelpdesk.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shipped example inventory, policy (with guardrails) and users files, mutated at random —
 * lines dropped, duplicated or swapped, characters changed, values turned into lists or maps,
 * indentation broken, junk inserted: each loader either accepts the result or throws a
 * {@link ConfigException} whose problems name the file; never another exception (no
 * NullPointerException, ClassCastException or parser internals leaking out).
 */
class ConfigFuzzTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Map<String, String> ENV = Map.of("STAGING_DB_PASSWORD", "x");

    private interface Loader {
        void load(String text, String source) throws ConfigException;
    }

    private static final Map<String, Loader> LOADERS = Map.of(
            "inventory.yaml", (t, s) -> InventoryLoader.parse(t, s, ENV::get),
            "policies.yaml", (t, s) -> PolicyFile.parse(t, s, ENV::get),
            "guardrails.yaml", (t, s) -> PolicyFile.parse(t, s, ENV::get),
            "users.yaml", (t, s) -> ApiKeys.parse(t, s, ENV::get));

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(LOADERS.keySet().stream().sorted().toList());
    }

    /** One mutation of the text, chosen and placed at random. */
    @Provide
    Arbitrary<List<List<Integer>>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000)).as(List::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @net.jqwik.api.Example
    void the_unmutated_examples_load() throws Exception {
        for (Map.Entry<String, Loader> e : LOADERS.entrySet()) {
            e.getValue().load(Files.readString(EXAMPLES.resolve(e.getKey())), e.getKey());
        }
    }

    @Property(tries = 400)
    void a_mutated_config_is_accepted_or_refused_with_problems_that_name_the_file(@ForAll("files") String file,
                                                                                 @ForAll("mutations") List<List<Integer>> mutations) throws Exception {
        String text = Files.readString(EXAMPLES.resolve(file));
        for (List<Integer> m : mutations) {
            text = mutate(text, m.get(0), m.get(1), m.get(2));
        }
        try {
            LOADERS.get(file).load(text, file);
        } catch (ConfigException e) {
            assertThat(e.problems()).as("problems of a refused " + file).isNotEmpty()
                    .allSatisfy(p -> assertThat(p).as("each problem names the file").contains(file));
        }
    }

    static String mutate(String text, int kind, int a, int b) {
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        int i = a % lines.size();
        int j = b % lines.size();
        String line = lines.get(i);
        switch (kind) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, line);
            case 2 -> {
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 3 -> lines.set(i, line.isEmpty() ? "x" : line.substring(0, b % line.length()) + "\t" + line.substring(b % line.length()));
            case 4 -> lines.set(i, line.replaceFirst(":\\s*(\\S.*)$", ": [$1]"));
            case 5 -> lines.set(i, line.replaceFirst(":\\s*(\\S.*)$", ": {k: $1}"));
            case 6 -> lines.set(i, "  ".repeat(b % 4) + line.strip());
            case 7 -> lines.add(i, List.of("- -", "{", "]", "x: !!binary AAAA", "&a [*a]", "? : ", "\u0000", "version: 99").get(b % 8));
            case 8 -> lines.set(i, line.replaceFirst(":\\s*(\\S.*)$", ": null"));
            default -> lines.set(i, line.replaceFirst(":\\s*(\\S.*)$", ": " + List.of("-1", "1e999", "true", "''", "~", "9".repeat(40)).get(b % 6)));
        }
        return String.join("\n", lines);
    }
}
