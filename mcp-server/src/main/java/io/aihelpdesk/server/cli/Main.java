package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Version;
import io.aihelpdesk.server.config.Environment;
import java.nio.file.Path;
import java.util.List;
import io.aihelpdesk.tools.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code helpdesk}: the command-line entry point. */
@Command(name = "helpdesk", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "aiHelpDesk: governed PostgreSQL diagnostic tools for AI agents (MCP server).")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(McpCommand.class, ServeCommand.class, ChatCommand.class, DemoCommand.class,
            DiagnoseCommand.class, ToolCommand.class, ToolsCommand.class, BundleCommand.class, UsersCommand.class, AuditCommand.class,
            PolicyCommand.class, AuditorCommand.class, ApprovalsCommand.class, LabCommand.class, FaultCommand.class, ComplianceCommand.class,
            ConfigCommand.class, BenchCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --config FILE}, accepted before or after any subcommand. */
    private static volatile Path configFlag;

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Config file (helpdesk.yaml). Default: $HELPDESK_CONFIG, else ~/.config/aihelpdesk/helpdesk.yaml if it exists.")
    void config(Path file) {
        configFlag = file;
    }

    public static void main(String[] args) {
        io.aihelpdesk.server.logging.LogFormat.select(args, System::getenv); // before anything logs
        System.exit(execute(args));
    }

    static int execute(String... args) {
        configFlag = null;
        // Picocli models a command by reflection when it is added: only the one invoked, when it is
        // recognisable, so `helpdesk mcp` (spawned per MCP session) does not pay for all the others.
        String invoked = invoked(args);
        CommandLine chosen = COMMANDS.stream().anyMatch(c -> name(c).equals(invoked))
                ? commandLine(c -> name(c).equals(invoked)) : commandLine();
        return chosen
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(parsed -> {
                    Integer help = CommandLine.executeHelpRequest(parsed);
                    if (help != null) {
                        return help;
                    }
                    try {
                        Environment.install(Environment.locate(configFlag, System::getenv));
                    } catch (ConfigException e) {
                        chosen.getErr().println(e.getMessage());
                        return 2;
                    }
                    return new CommandLine.RunLast().execute(parsed);
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println(e.getMessage());
                        return 2;
                    }
                    cmd.getErr().println("helpdesk " + cmd.getCommandName() + ": " + e);
                    if (io.aihelpdesk.server.config.Environment.current().apply("HELPDESK_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    /** The whole command line, every subcommand modelled (what {@code helpdesk --help} shows). */
    public static CommandLine commandLine() {
        return commandLine(c -> true);
    }

    private static CommandLine commandLine(java.util.function.Predicate<Class<?>> which) {
        CommandLine cli = new CommandLine(new Main());
        COMMANDS.stream().filter(which).forEach(cli::addSubcommand);
        return cli;
    }

    /** The first argument that is not an option of {@code helpdesk} itself, or null. */
    private static String invoked(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
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
