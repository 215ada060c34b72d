package io.aihelpdesk.server.observe;

import io.aihelpdesk.governance.PipelineObserver;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenTelemetry span per governed tool call, exported over OTLP/HTTP (protobuf) when an
 * endpoint is configured; off otherwise. Spans follow the MCP semantic conventions (name
 * {@code tools/call <tool>}, {@code mcp.method.name}, {@code gen_ai.tool.name},
 * {@code gen_ai.operation.name}, {@code error.type}) plus ours ({@code aihelpdesk.trace_id},
 * {@code .door}, {@code .effect}, {@code .outcome}, {@code .target}); the trace id follows the audit
 * trace id ({@link TraceIds}). A tool run by another tool is a child span of its caller's, also
 * when the caller runs it on another thread.
 */
final class Tracing implements PipelineObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("aihelpdesk.trace_id");
    static final AttributeKey<String> DOOR = AttributeKey.stringKey("aihelpdesk.door");
    static final AttributeKey<String> EFFECT = AttributeKey.stringKey("aihelpdesk.effect");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("aihelpdesk.outcome");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("aihelpdesk.target");
    static final AttributeKey<String> APPROVAL = AttributeKey.stringKey("aihelpdesk.approval_id");

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final TraceIds ids = new TraceIds();
    /** The span of each audit trace's outermost call in flight: parent of nested calls run on other threads (bundles). */
    private final Map<String, Context> outermost = new ConcurrentHashMap<>();

    /** Starts exporting as {@code settings} say (see {@link OtlpSettings#fromEnvironment}). */
    Tracing(OtlpSettings settings, String version) {
        if (settings.protocol() != null && !settings.protocol().equals("http/protobuf")) {
            LOG.warn("OTEL_EXPORTER_OTLP_PROTOCOL={} is not supported; spans are sent as http/protobuf to {} (an OTLP/HTTP port, usually 4318)",
                    settings.protocol(), settings.endpoint());
        }
        SdkLogBridge.install();
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint());
        if (settings.headers() != null) {
            for (String pair : settings.headers().split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    exporter.addHeader(pair.substring(0, eq).trim(), URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
                }
            }
        }
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), settings.serviceName(), AttributeKey.stringKey("service.version"), version))))
                .setIdGenerator(ids)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
                .build();
        this.tracer = provider.get("io.aihelpdesk", version);
        LOG.info("OpenTelemetry: a span per tool call is exported to {} (OTLP/HTTP, service {})", settings.endpoint(), settings.serviceName());
    }

    @Override
    public Call started(Invocation call) {
        String traceId = TraceIds.of(call.traceId());
        boolean nested = call.door().startsWith(ToolContext.NESTED_DOOR);
        SpanBuilder builder = tracer.spanBuilder("tools/call " + call.tool())
                .setSpanKind(nested ? SpanKind.INTERNAL : SpanKind.SERVER)
                .setAttribute(METHOD, "tools/call")
                .setAttribute(TOOL, call.tool())
                .setAttribute(OPERATION, "execute_tool")
                .setAttribute(TRACE_ID, call.traceId())
                .setAttribute(DOOR, call.door());
        Context parent = Span.current().getSpanContext().isValid() ? Context.current() : nested ? outermost.get(call.traceId()) : null;
        Span span = parent != null && Span.fromContext(parent).getSpanContext().getTraceId().equals(traceId)
                ? builder.setParent(parent).startSpan()
                : ids.startRoot(traceId, builder);
        Scope scope = span.makeCurrent();
        Context mine = nested ? null : Context.current();
        if (mine != null) {
            outermost.put(call.traceId(), mine);
        }
        return ended -> {
            try {
                finish(span, ended);
            } finally {
                if (mine != null) {
                    outermost.remove(call.traceId(), mine);
                }
                scope.close();
                span.end();
            }
        };
    }

    private static void finish(Span span, Ended ended) {
        Outcome o = ended.outcome();
        if (ended.effect() == null) {
            span.updateName("tools/call"); // a name the catalog does not have: no span name per stranger's guess
        } else {
            span.setAttribute(EFFECT, ended.effect());
        }
        span.setAttribute(OUTCOME, ToolMetrics.outcome(o));
        String error = null;
        if (o == null) {
            error = "exception";
        } else if (o instanceof Outcome.Succeeded s) {
            setIfPresent(span, TARGET, s.target());
        } else if (o instanceof Outcome.Failed f) {
            setIfPresent(span, TARGET, f.target());
            error = f.diagnosis().code();
        } else if (o instanceof Outcome.Denied) {
            error = ended.guardrail() != null ? ended.guardrail() : "denied";
        } else if (o instanceof Outcome.Invalid) {
            error = "invalid_arguments";
        } else if (o instanceof Outcome.PendingApproval p) {
            span.setAttribute(APPROVAL, p.approvalId());
        }
        if (error != null) {
            span.setAttribute(ERROR_TYPE, error);
            span.setStatus(StatusCode.ERROR, o == null ? "the pipeline threw" : ToolMetrics.outcome(o));
        }
    }

    private static void setIfPresent(Span span, AttributeKey<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            span.setAttribute(key, value);
        }
    }

    /** Sends the spans still buffered and stops (waits up to 10 s for the collector). */
    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
