package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Version;
import io.aihelpdesk.tools.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code helpdesk}: the command-line entry point. */
@Command(name = "helpdesk", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "aiHelpDesk: governed PostgreSQL diagnostic tools for AI agents (MCP server).",
        subcommands = {McpCommand.class, ServeCommand.class, ChatCommand.class, DemoCommand.class, DiagnoseCommand.class, ToolCommand.class,
            ToolsCommand.class, BundleCommand.class, UsersCommand.class, AuditCommand.class, PolicyCommand.class, AuditorCommand.class, ApprovalsCommand.class,
            LabCommand.class, FaultCommand.class, ComplianceCommand.class,
            BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println(e.getMessage());
                        return 2;
                    }
                    cmd.getErr().println("helpdesk " + cmd.getCommandName() + ": " + e);
                    if (System.getenv("HELPDESK_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aihelpdesk " + Version.current() + " (Java " + Runtime.version() + ")"};
        }
    }
}
