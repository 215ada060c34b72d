package io.aihelpdesk.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {
    static final Duration POLL = Duration.ofMillis(20);
    static final PolicyRequest READ = new PolicyRequest(Principal.user("bob"), Resource.database("db"), Action.READ,
            PolicyEngineTest.MONDAY_10_PARIS);

    @TempDir
    Path dir;

    static String policy(String effect) {
        return """
                version: "1"
                policies:
                  - name: reads
                    resources: [{type: database}]
                    rules: [{action: read, effect: %s}]
                """.formatted(effect);
    }

    @Test
    void reload_puts_a_good_edit_in_force() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, policy("deny"));
        List<ConfigException> rejected = new CopyOnWriteArrayList<>();
        try (Policies policies = Policies.watch(file, Verdict.DENY, false, POLL, rejected::add)) {
            assertThat(policies.engine().evaluate(READ).verdict()).isEqualTo(Verdict.DENY);
            Files.writeString(file, policy("allow"));
            awaitTrue(() -> policies.engine().evaluate(READ).verdict() == Verdict.ALLOW);
            assertThat(policies.engine().version()).isEqualTo(PolicyFile.load(file).version());
            assertThat(policies.lastError()).isEmpty();
            assertThat(rejected).isEmpty();
        }
    }

    @Test
    void bad_edit_keeps_the_previous_engine_and_reports_the_problems_once() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, policy("allow"));
        List<ConfigException> rejected = new CopyOnWriteArrayList<>();
        try (Policies policies = Policies.watch(file, Verdict.DENY, false, POLL, rejected::add)) {
            PolicyEngine before = policies.engine();
            Files.writeString(file, policy("permit"));
            awaitTrue(() -> !rejected.isEmpty());
            Thread.sleep(POLL.toMillis() * 5);
            assertThat(policies.engine()).isSameAs(before);
            assertThat(policies.engine().evaluate(READ).verdict()).isEqualTo(Verdict.ALLOW);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).problems()).containsExactly(
                    file + ":5: policies[0].rules[0].effect: must be one of allow, deny, require_approval; got 'permit'");
            assertThat(policies.lastError()).containsSame(rejected.get(0));

            Files.writeString(file, policy("deny"));
            awaitTrue(() -> policies.engine().evaluate(READ).verdict() == Verdict.DENY);
            assertThat(policies.lastError()).isEmpty();
        }
    }

    @Test
    void an_invalid_file_at_start_is_refused_with_its_problems() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, policy("permit"));
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> Policies.watch(file, Verdict.DENY, false, POLL, x -> { }));
        assertThat(e.problems()).containsExactly(
                file + ":5: policies[0].rules[0].effect: must be one of allow, deny, require_approval; got 'permit'");
    }

    @Test
    void closed_watcher_stops_reloading() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, policy("deny"));
        Policies policies = Policies.watch(file, Verdict.DENY, false, POLL, x -> { });
        policies.close();
        Files.writeString(file, policy("allow"));
        Thread.sleep(POLL.toMillis() * 10);
        assertThat(policies.engine().evaluate(READ).verdict()).isEqualTo(Verdict.DENY);
    }

    /** Polls a condition the watcher thread makes true; fails with a clear message after 10 s. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
