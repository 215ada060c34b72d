package io.aihelpdesk.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, from the deploy module's tests (run with the module as working directory). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (mvnw and deploy/) above " + dir);
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The project version, from the parent pom (the distribution directory is named after it). */
    static String version() {
        try {
            String pom = Files.readString(file("pom.xml"));
            int artifact = pom.indexOf("<artifactId>aihelpdesk-parent</artifactId>");
            int start = pom.indexOf("<version>", artifact) + "<version>".length();
            return pom.substring(start, pom.indexOf("</version>", start)).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
