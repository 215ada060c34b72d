package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A validated policy file. Its version is the hex SHA-256 of the file's bytes, so a decision names
 * exactly the text that produced it. A file with problems is rejected whole, with every problem
 * listed as {@code file:line: path: problem}.
 */
public final class PolicyFile {
    private final String source;
    private final String version;
    private final List<Policy> policies;
    private final GuardrailSettings guardrails;

    private PolicyFile(String source, String version, List<Policy> policies, GuardrailSettings guardrails) {
        this.source = source;
        this.version = version;
        this.policies = List.copyOf(policies);
        this.guardrails = guardrails;
    }

    /** Reads a file, expanding {@code ${ENV}} references from the process environment. */
    public static PolicyFile load(Path file) throws ConfigException {
        return parse(read(file), file.toString(), System::getenv);
    }

    public static PolicyFile parse(String text, String source, UnaryOperator<String> env) throws ConfigException {
        return parse(text.getBytes(StandardCharsets.UTF_8), source, env);
    }

    static PolicyFile parse(byte[] bytes, String source, UnaryOperator<String> env) throws ConfigException {
        ConfigNode root = ConfigNode.parse(new String(bytes, StandardCharsets.UTF_8), source);
        ConfigProblems problems = new ConfigProblems(source, env);
        PolicyReader reader = new PolicyReader(problems);
        List<Policy> policies = reader.read(root);
        GuardrailSettings guardrails = new GuardrailsReader(problems, reader).read(root.isMap() ? root.fields().get("guardrails") : null);
        problems.throwIfAny();
        return new PolicyFile(source, sha256(bytes), policies, guardrails);
    }

    static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(file + ": cannot read policy file (" + e
                    + "); check the path given by --policy or HELPDESK_POLICY_FILE"));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Where the file came from, for messages. */
    public String source() {
        return source;
    }

    /** Hex SHA-256 of the file's bytes. */
    public String version() {
        return version;
    }

    /** The file's {@code guardrails} section; {@link GuardrailSettings#NONE} when it has none. */
    public GuardrailSettings guardrails() {
        return guardrails;
    }

    List<Policy> policies() {
        return policies;
    }
}
