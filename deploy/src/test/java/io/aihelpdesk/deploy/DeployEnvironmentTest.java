package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every HELPDESK_* variable the deploy files set or mention is one the server reads: a typo cannot ship. */
class DeployEnvironmentTest {
    private static final Pattern NAME = Pattern.compile("HELPDESK_[A-Z0-9_]*[A-Z0-9]");
    /**
     * Variables of the deploy files themselves, not of the server: startall.sh's (where the distribution,
     * the env file and the pid files are) and compose's (host port, the audit role's password).
     */
    private static final Set<String> DEPLOY_ONLY = Set.of("HELPDESK_HOME", "HELPDESK_ENV_FILE", "HELPDESK_RUN_DIR",
            "HELPDESK_HOST_PORT", "HELPDESK_AUDIT_PASSWORD");

    @Test
    void every_helpdesk_variable_in_the_deploy_files_is_read_by_the_server() {
        Set<String> read = readByServer();
        assertThat(read).as("sanity: the scan finds the server's variables").contains("HELPDESK_AUDIT_URL", "HELPDESK_BIND",
                "HELPDESK_JAVA_OPTS", "HELPDESK_MODEL_VENDOR");
        Map<String, Set<String>> unknown = new TreeMap<>();
        usedByDeployFiles().forEach((name, files) -> {
            if (!read.contains(name) && !DEPLOY_ONLY.contains(name)) {
                unknown.put(name, files);
            }
        });
        assertThat(unknown).as("HELPDESK_* names no server code reads (typo, or a setting that does not exist)").isEmpty();
    }

    @Test
    void deploy_only_variables_are_consumed_by_the_deploy_files_and_unknown_to_the_server() throws IOException {
        assertThat(readByServer()).doesNotContainAnyElementsOf(DEPLOY_ONLY);
        StringBuilder all = new StringBuilder();
        for (Path f : deployFiles()) {
            all.append(Files.readString(f));
        }
        assertThat(DEPLOY_ONLY).allSatisfy(name -> assertThat(all).as(name).contains("${" + name));
    }

    /** Names in string literals of the main sources, and in the launcher script. */
    private static Set<String> readByServer() {
        Set<String> out = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(" + NAME.pattern() + ")\"");
        try (Stream<Path> files = Files.walk(Repo.root())) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.startsWith(Repo.file("deploy")))
                    .forEach(f -> collect(literal, f, out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        collect(NAME, Repo.file("mcp-server/src/dist/bin/helpdesk"), out);
        return out;
    }

    private static Map<String, Set<String>> usedByDeployFiles() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Path f : deployFiles()) {
            Set<String> names = new TreeSet<>();
            collect(NAME, f, names);
            names.forEach(n -> out.computeIfAbsent(n, k -> new TreeSet<>()).add(Repo.root().relativize(f).toString()));
        }
        assertThat(out).as("sanity: the deploy files are scanned").containsKeys("HELPDESK_USERS_FILE", "HELPDESK_AUDIT_URL");
        return out;
    }

    /** The user-facing files under deploy/ (not the module's own pom, sources or build output), and .dockerignore. */
    private static java.util.List<Path> deployFiles() {
        Path deploy = Repo.file("deploy");
        try (Stream<Path> files = Files.walk(deploy)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(deploy.resolve("src")) && !f.startsWith(deploy.resolve("target"))
                            && !f.equals(deploy.resolve("pom.xml")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Pattern p, Path file, Set<String> into) {
        try {
            Matcher m = p.matcher(Files.readString(file));
            while (m.find()) {
                into.add(m.groupCount() > 0 ? m.group(1) : m.group());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
