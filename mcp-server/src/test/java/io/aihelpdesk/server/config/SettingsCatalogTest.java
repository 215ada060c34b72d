package io.aihelpdesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The settings list is the truth about configuration: the code may read nothing else, the README documents all of it. */
class SettingsCatalogTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern NAME = Pattern.compile("\"(HELPDESK_[A-Z0-9_]+)\"");
    /** Not settings: the config file's own locator, and the launcher's marker of its path. */
    private static final Set<String> NOT_SETTINGS = Set.of("HELPDESK_CONFIG", "HELPDESK_LAUNCHER");

    @Test
    void every_variable_the_code_reads_is_a_listed_setting() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
                    .forEach(p -> {
                        Matcher m = NAME.matcher(text(p));
                        while (m.find()) {
                            read.add(m.group(1));
                        }
                    });
        }
        Set<String> listed = Settings.ALL.stream().map(Setting::env).collect(Collectors.toCollection(TreeSet::new));
        read.removeAll(NOT_SETTINGS);

        assertThat(read).as("variables read in src/main").isNotEmpty();
        assertThat(listed).containsAll(read);
    }

    @Test
    void every_listed_setting_is_documented_in_the_readme() {
        String readme = text(ROOT.resolve("README.md"));
        assertThat(Settings.ALL.stream().map(Setting::env).filter(e -> !readme.contains(e)).toList())
                .as("settings missing from README.md").isEmpty();
    }

    @Test
    void connection_strings_and_secrets_are_masked() {
        Setting url = Settings.byEnv("HELPDESK_AUDIT_URL").orElseThrow();
        assertThat(Settings.shown(url, "postgresql://u:pw@h/db?sslmode=require")).isEqualTo("postgresql://u:******@h/db?sslmode=require");
        assertThat(Settings.shown(url, "postgresql://h/db?user=u&password=pw")).isEqualTo("postgresql://h/db?user=u&password=******");
        assertThat(Settings.shown(url, "host=h dbname=audit password='p w' user=u")).isEqualTo("host=h dbname=audit password=****** user=u");
        assertThat(Settings.shown(url, "jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(Settings.shown(Settings.byEnv("HELPDESK_API_KEY").orElseThrow(), "abc")).isEqualTo("****** (set)");
        assertThat(Settings.shown(Settings.byEnv("HELPDESK_APPROVAL_WEBHOOK").orElseThrow(), "https://hooks.example/T/B/secret"))
                .isEqualTo("https://hooks.example/******");
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
