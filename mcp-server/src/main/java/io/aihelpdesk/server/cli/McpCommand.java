package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.mcp.McpServers;
import io.aihelpdesk.server.mcp.StdioLines;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code helpdesk mcp}: MCP over stdio. Standard output carries protocol only: {@code System.out}
 * is pointed at stderr before anything can print, and the transport writes to the real stdout.
 * Lines that are not JSON-RPC messages are answered with a JSON-RPC error and never reach the SDK
 * ({@link StdioLines}). The process exits when standard input closes.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = "Run the MCP server over stdio (for Claude Desktop, Claude Code, IDEs).")
final class McpCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        try (Helpdesk helpdesk = options.open(); AutoCloseable traces = io.aihelpdesk.server.observe.Telemetry.attach(helpdesk, io.aihelpdesk.server.config.Environment.current())) {
            CountDownLatch eof = new CountDownLatch(1);
            StdioLines lines = new StdioLines(new FileInputStream(FileDescriptor.in), protocolOut);
            StdioServerTransportProvider transport = new StdioServerTransportProvider(io.aihelpdesk.server.mcp.McpJson.mapper(),
                    new EofSignallingInput(lines.input(), eof::countDown), lines.output());
            McpSyncServer server = McpServers.stdio(helpdesk, transport, options.localCaller("stdio"));
            eof.await();
            server.closeGracefully();
        }
        return 0;
    }
}
