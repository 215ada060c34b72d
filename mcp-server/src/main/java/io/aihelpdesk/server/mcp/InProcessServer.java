package io.aihelpdesk.server.mcp;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * This server's MCP surface inside the same JVM: the built-in chat (and the REST gateway's model
 * queries) are MCP clients of it, so their calls take exactly the path an external client's do —
 * tools/list, tools/call, resources — through the same tool specifications and the governance
 * pipeline. Each {@link #connect connection} is an MCP session bound to one caller (the transport
 * context carries it, as the HTTP transports do with the authenticated caller). Messages cross as
 * objects, without serialisation, each direction in order.
 */
public final class InProcessServer implements AutoCloseable {
    private final Provider provider = new Provider();
    private final McpSyncServer server;

    /** @param door how calls through this server are audited ({@code chat}, {@code rest}) */
    public InProcessServer(Helpdesk helpdesk, String door) {
        this.server = McpServers.configure(McpServer.sync(provider), helpdesk, door, Caller.anonymous(door));
    }

    /** A client transport for a new session whose calls run as {@code caller}. */
    public McpClientTransport connect(Caller caller) {
        return new Pipe(provider, McpTransportContext.create(Map.of(McpServers.CALLER_KEY, caller)));
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class Provider implements McpServerTransportProvider {
        private volatile McpServerSession.Factory factory;
        private final Set<McpServerSession> sessions = ConcurrentHashMap.newKeySet();

        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            this.factory = factory;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Flux.fromIterable(sessions).flatMap(s -> s.sendNotification(method, params).onErrorResume(e -> Mono.empty())).then();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Flux.fromIterable(sessions).flatMap(McpServerSession::closeGracefully).then();
        }
    }

    /** Both ends of one session: the client end is what {@link #connect} returns, the server end feeds the session. */
    private static final class Pipe implements McpClientTransport {
        private final Provider provider;
        private final McpTransportContext context;
        private final Sinks.Many<McpSchema.JSONRPCMessage> toServer = Sinks.many().unicast().onBackpressureBuffer();
        private final Sinks.Many<McpSchema.JSONRPCMessage> toClient = Sinks.many().unicast().onBackpressureBuffer();
        private volatile McpServerSession session;

        Pipe(Provider provider, McpTransportContext context) {
            this.provider = provider;
            this.context = context;
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return Mono.fromRunnable(() -> {
                if (provider.factory == null) {
                    throw new IllegalStateException("the in-process MCP server is not started");
                }
                McpServerSession s = provider.factory.create(new ServerEnd(this));
                session = s;
                provider.sessions.add(s);
                toServer.asFlux().publishOn(Schedulers.boundedElastic())
                        .flatMap(m -> s.handle(m).contextWrite(c -> c.put(McpTransportContext.KEY, context)).onErrorResume(e -> Mono.empty()))
                        .subscribe();
                toClient.asFlux().publishOn(Schedulers.boundedElastic())
                        .flatMap(m -> handler.apply(Mono.just(m)).onErrorResume(e -> Mono.empty()))
                        .subscribe();
            });
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> toServer.emitNext(message, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(1))));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> {
                McpServerSession s = session;
                if (s != null) {
                    provider.sessions.remove(s);
                }
                toServer.tryEmitComplete();
                toClient.tryEmitComplete();
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return McpJson.mapper().convertValue(data, type);
        }
    }

    /** The session's side of a {@link Pipe}: what the server sends goes to the client end. */
    private record ServerEnd(Pipe pipe) implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> pipe.toClient.emitNext(message, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(1))));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return pipe.closeGracefully();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return McpJson.mapper().convertValue(data, type);
        }
    }
}
