package io.aihelpdesk.server.cli;

import io.aihelpdesk.governance.identity.ApiKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code helpdesk users}: create API keys and check a users file. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage HTTP API keys (users.yaml).",
        subcommands = {UsersCommand.NewKey.class, UsersCommand.Check.class})
final class UsersCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(name = "new-key", mixinStandardHelpOptions = true,
            description = "Print a new random API key (give it to the caller) and the users.yaml entry that stores only its hash.")
    static final class NewKey implements Callable<Integer> {
        @Option(names = "--id", required = true, paramLabel = "ID", description = "User or service account id.")
        String id;

        @Option(names = "--role", paramLabel = "ROLE", description = "A role; repeat for more.")
        List<String> roles = List.of();

        @Override
        public Integer call() {
            String[] key = ApiKeys.newKey();
            System.err.println("API key for " + id + " (shown once; store it in the client, not in users.yaml):");
            System.out.println(key[0]);
            System.err.println("\nusers.yaml entry:\n  - id: " + id + "\n    roles: " + roles + "\n    api_key_sha256: " + key[1]);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a users file and list its identities.")
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            System.out.println(file + ": " + ApiKeys.load(file).size() + " API keys, valid");
            return 0;
        }
    }
}
