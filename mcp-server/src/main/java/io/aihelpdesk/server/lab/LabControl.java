package io.aihelpdesk.server.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.FaultCatalog;
import io.aihelpdesk.tools.faults.FaultReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The control door of a running lab ({@code helpdesk lab up}): a loopback HTTP endpoint through
 * which {@code helpdesk fault inject|teardown|run} and {@code lab down} reach the process that
 * holds the lab's sessions and simulated cluster. Every request must carry the lab's token (from
 * {@value #STATE}, readable by its owner only).
 */
public final class LabControl implements AutoCloseable {
    public static final String STATE = "lab.json";
    private final FaultLab faults;
    private final FaultCatalog catalog;
    private final HttpServer http;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final CountDownLatch down = new CountDownLatch(1);

    public LabControl(FaultLab faults, FaultCatalog catalog) throws IOException {
        this.faults = faults;
        this.catalog = catalog;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.start();
        writeState();
    }

    private void writeState() throws IOException {
        Lab lab = faults.lab();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("url", "http://127.0.0.1:" + http.getAddress().getPort());
        state.put("token", token);
        state.put("inventory", lab.inventoryFile().toString());
        state.put("kubeconfig", lab.kubeconfig().toString());
        Lab.writePrivate(lab.dir().resolve(STATE), Json.writePretty(state));
    }

    /** Blocks until {@code lab down} asks this lab to stop. */
    public void awaitDown() throws InterruptedException {
        down.await();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            byte[] given = String.valueOf(x.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
                reply(x, 401, "missing or wrong lab token\n");
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            switch (x.getRequestURI().getPath()) {
                case "/inject" -> {
                    faults.inject(fault(q.get("id")));
                    reply(x, 200, "injected " + q.get("id") + "\n");
                }
                case "/teardown" -> {
                    List<String> failures = faults.teardown(fault(q.get("id")));
                    reply(x, failures.isEmpty() ? 200 : 500, failures.isEmpty() ? "torn down " + q.get("id") + "\n"
                            : "teardown of " + q.get("id") + " left: " + String.join("; ", failures) + "\n");
                }
                case "/run" -> run(x, q);
                case "/status" -> reply(x, 200, Json.write(Map.of("injected", faults.injected())) + "\n");
                case "/down" -> {
                    reply(x, 200, "stopping the lab\n");
                    down.countDown();
                }
                default -> reply(x, 404, "unknown lab control path " + x.getRequestURI().getPath() + "\n");
            }
        } catch (Exception e) {
            reply(x, 500, (e.getMessage() == null ? e.toString() : e.getMessage()) + "\n");
        } finally {
            x.close();
        }
    }

    private Fault fault(String id) {
        return catalog.find(String.valueOf(id)).orElseThrow(() -> new IllegalArgumentException(
                "unknown fault id '" + id + "'; `helpdesk fault list` shows the catalog"));
    }

    /** Streams progress lines, then one line {@code REPORT <json>}. */
    private void run(HttpExchange x, Map<String, String> q) throws IOException {
        List<Fault> selected = catalog.select(list(q.get("ids")), list(q.get("categories")));
        Agent agent = ChatAgent.named(q.get("agent"), faults.lab(), io.aihelpdesk.server.config.Environment.current());
        x.sendResponseHeaders(200, 0);
        OutputStream body = x.getResponseBody();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8), true);
        FaultReport report = new FaultRunner(faults, agent).run(selected, out::println);
        out.println("REPORT " + Json.write(report.toJson()));
        out.flush();
    }

    static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                String[] p = kv.split("=", 2);
                out.put(java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static void reply(HttpExchange x, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        Files.deleteIfExists(faults.lab().dir().resolve(STATE));
    }
}
