package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Announces a finished bundle: POSTs the result JSON to the caller's {@code callback_url}, retrying
 * connection errors, 429 and 5xx with exponential backoff (Resilience4j), and signing the body
 * with HMAC-SHA256 in {@code X-Helpdesk-Signature: sha256=<hex>} when a secret is configured.
 * Link-local and cloud metadata addresses are refused unless the settings allow them: the host
 * name is resolved and every address checked. Redirects are not followed.
 */
final class Callback {
    static final String SIGNATURE_HEADER = "X-Helpdesk-Signature";
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "metadata.goog",
            "instance-data", "instance-data.ec2.internal");
    private static final Set<String> METADATA_ADDRESSES = Set.of("169.254.169.254", "169.254.170.2", "100.100.100.200",
            "fd00:ec2:0:0:0:0:0:254");

    /** How delivery went, reported in the tool's result. */
    public record Delivery(
            String url,
            @Describe("delivered, or failed after all attempts") String status,
            int attempts,
            @Describe("HTTP status of the last response (0 when none)") int httpStatus,
            String message) {
    }

    private final IncidentSettings settings;

    Callback(IncidentSettings settings) {
        this.settings = settings;
    }

    /** Checks the URL before anything is collected: scheme, host, and every address the host resolves to. */
    URI check(String url) throws ToolFailure {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw refused(url, "it is not a valid URL (" + e.getMessage() + ")", "pass an http:// or https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw refused(url, "only http and https URLs with a host are accepted", "pass an http:// or https:// URL");
        }
        if (settings.allowPrivateCallbacks()) {
            return uri;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (METADATA_HOSTS.contains(host)) {
            throw refused(url, host + " is a cloud metadata service", allowHint());
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw refused(url, "host " + host + " does not resolve", "check the callback host name");
        }
        for (InetAddress a : addresses) {
            String why = forbidden(a);
            if (why != null) {
                throw refused(url, host + " resolves to " + a.getHostAddress() + ", " + why, allowHint());
            }
        }
        return uri;
    }

    /** Null when the address may be called, else why not. */
    static String forbidden(InetAddress a) {
        String text = a.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = text.indexOf('%');
        text = zone < 0 ? text : text.substring(0, zone);
        if (METADATA_ADDRESSES.contains(text)) {
            return "a cloud metadata address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address" + (a instanceof Inet6Address ? " (fe80::/10)" : " (169.254.0.0/16)");
        }
        return null;
    }

    /** Posts the body, retrying as configured; never throws. */
    Delivery post(URI uri, String incidentId, byte[] body) {
        RetryConfig config = RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(Math.max(1, settings.callbackAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Math.max(1, settings.callbackBackoff().toMillis()), 2.0))
                .retryOnResult(r -> r.statusCode() >= 500 || r.statusCode() == 429)
                .retryExceptions(IOException.class)
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of("incident-callback", config);
        AtomicInteger attempts = new AtomicInteger();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "aihelpdesk/" + settings.serverVersion())
                .header("X-Helpdesk-Incident", incidentId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.callbackSecret() != null) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(settings.callbackSecret(), body));
        }
        CheckedSupplier<HttpResponse<String>> send = Retry.decorateCheckedSupplier(retry, () -> {
            attempts.incrementAndGet();
            return Http.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        });
        try {
            HttpResponse<String> r = send.get();
            boolean ok = r.statusCode() / 100 == 2;
            return new Delivery(uri.toString(), ok ? "delivered" : "failed", attempts.get(), r.statusCode(),
                    ok ? "accepted with HTTP " + r.statusCode()
                            : "the receiver answered HTTP " + r.statusCode() + " to the last of " + attempts.get() + " attempts");
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Delivery(uri.toString(), "failed", attempts.get(), 0, "no attempt of " + attempts.get()
                    + " reached the receiver: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Lower-case hex HMAC-SHA256 of the body, as receivers recompute it. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String allowHint() {
        return "use a receiver on a routable address, or set HELPDESK_CALLBACK_ALLOW_PRIVATE=true if this address is really intended";
    }

    private static ToolFailure refused(String url, String why, String hint) {
        return new ToolFailure(new Diagnosis("callback_refused", "callback_url " + url + " refused: " + why
                + "; nothing was collected", hint, ""));
    }

    /** Built on the first callback (class initialisation is lazy): an HTTP client loads TLS, which every start would pay for. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
