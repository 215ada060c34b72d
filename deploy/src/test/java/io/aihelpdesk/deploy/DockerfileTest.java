package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/docker/Dockerfile and the .dockerignore of its context (the repository root), parsed as Docker would. */
class DockerfileTest {
    private static final Dockerfile DOCKERFILE = read();
    private static final DockerIgnore IGNORE = readIgnore();

    @Test
    void builds_on_a_jdk_25_and_runs_on_a_jre_25() {
        assertThat(DOCKERFILE.stages()).extracting(Dockerfile.Stage::from)
                .containsExactly("eclipse-temurin:25-jdk", "eclipse-temurin:25-jre");
        Dockerfile.Stage build = DOCKERFILE.stage("build");
        assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run.args()).contains("./mvnw").contains("package")
                .contains("-pl mcp-server -am"));
        // The runtime stage takes only the distribution from the build stage.
        assertThat(DOCKERFILE.last().all("COPY")).singleElement().satisfies(copy ->
                assertThat(copy.args()).isEqualTo("--from=build /opt/aihelpdesk /opt/aihelpdesk"));
    }

    @Test
    void runs_as_a_non_root_user_created_in_the_image() {
        Dockerfile.Stage runtime = DOCKERFILE.last();
        String user = runtime.last("USER").args();
        assertThat(user).doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
        String uid = user.split(":")[0];
        assertThat(runtime.all("RUN")).anySatisfy(run -> assertThat(run.args()).contains("useradd").contains("--uid " + uid));
        // Nothing runs as root after the switch.
        int userLine = runtime.last("USER").line();
        assertThat(runtime.all("RUN")).allSatisfy(run -> assertThat(run.line()).isLessThan(userLine));
    }

    @Test
    void starts_bin_helpdesk_serve_on_all_interfaces_with_a_health_check() {
        Dockerfile.Stage runtime = DOCKERFILE.last();
        assertThat(runtime.last("ENTRYPOINT").args()).isEqualTo("[\"/opt/aihelpdesk/bin/helpdesk\", \"serve\"]");
        assertThat(Repo.file("mcp-server/src/dist/bin/helpdesk")).as("the distribution's bin/helpdesk").isExecutable();
        String env = String.join(" ", runtime.all("ENV").stream().map(Dockerfile.Instruction::args).toList());
        assertThat(env).contains("HELPDESK_BIND=0.0.0.0").contains("HELPDESK_PORT=8080");
        assertThat(runtime.last("EXPOSE").args()).isEqualTo("8080");
        assertThat(runtime.last("HEALTHCHECK").args()).contains("CMD curl -fsS \"http://127.0.0.1:${HELPDESK_PORT:-8080}/health\"");
        assertThat(runtime.all("RUN")).anySatisfy(run -> assertThat(run.args()).contains("apt-get install").contains("curl"));
    }

    @Test
    void trains_the_start_up_archive_in_the_image_with_the_distributions_trainer() {
        Dockerfile.Stage runtime = DOCKERFILE.last();
        Dockerfile.Instruction training = runtime.all("RUN").stream().filter(r -> r.args().contains("bin/helpdesk-train")).findFirst()
                .orElseThrow(() -> new AssertionError("no training run"));
        assertThat(training.args()).contains("/opt/aihelpdesk/bin/helpdesk-train").contains("test -s /opt/aihelpdesk/lib/cds/helpdesk.aot");
        assertThat(Repo.file("mcp-server/src/dist/bin/helpdesk-train")).as("the distribution's trainer").isExecutable();
        String env = String.join(" ", runtime.all("ENV").stream().map(Dockerfile.Instruction::args).toList());
        assertThat(env).as("the launcher finds the archive itself").doesNotContain("AOTCache");
        // The archive is made after the distribution is in place and before the user switch.
        assertThat(training.line()).isGreaterThan(runtime.last("COPY").line()).isLessThan(runtime.last("USER").line());
    }

    @Test
    void every_copy_source_is_in_the_build_context() {
        for (Dockerfile.Stage stage : DOCKERFILE.stages()) {
            for (Dockerfile.Instruction copy : stage.all("COPY")) {
                List<String> words = List.of(copy.args().split(" "));
                if (words.get(0).startsWith("--from=")) {
                    String from = words.get(0).substring("--from=".length());
                    assertThat(DOCKERFILE.stages()).extracting(Dockerfile.Stage::name).as("COPY %s", copy.args()).contains(from);
                    continue;
                }
                for (String source : words.subList(0, words.size() - 1)) {
                    Path p = Repo.root().resolve(source).normalize();
                    assertThat(p).as("COPY source %s (line %d)", source, copy.line()).exists();
                    assertThat(p.startsWith(Repo.root())).isTrue();
                    if (!source.equals(".")) {
                        assertThat(IGNORE.ignores(source)).as("%s is excluded by .dockerignore", source).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void dockerignore_keeps_build_outputs_out_and_the_sources_in() throws Exception {
        assertThat(List.of("mcp-server/target/helpdesk-0.1.0.tar.gz", "tools/target/classes/x.class", ".git/HEAD",
                "interop/node_modules/x/package.json", "interop/.node22/bin/node", "deploy/target/surefire-reports/a.txt"))
                .allSatisfy(p -> assertThat(IGNORE.ignores(p)).as(p).isTrue());
        // Whatever the reactor build reads must reach the build stage.
        List<String> needed = new java.util.ArrayList<>(List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml",
                "mcp-server/src/dist/bin/helpdesk", "mcp-server/src/assembly/dist.xml", "examples/users.yaml",
                "deploy/systemd/startall.sh"));
        String pom = Files.readString(Repo.file("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            needed.add(module.group(1) + "/pom.xml");
        }
        try (var sources = Files.walk(Repo.file("tools/src/main"))) {
            sources.filter(Files::isRegularFile).limit(50).forEach(f -> needed.add(Repo.root().relativize(f).toString()));
        }
        assertThat(needed).allSatisfy(p -> {
            assertThat(Repo.file(p)).exists();
            assertThat(IGNORE.ignores(p)).as("%s must be in the build context", p).isFalse();
        });
    }

    private static Dockerfile read() {
        try {
            return Dockerfile.parse(Files.readString(Repo.file("deploy/docker/Dockerfile")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DockerIgnore readIgnore() {
        try {
            return DockerIgnore.parse(Files.readString(Repo.file(".dockerignore")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
