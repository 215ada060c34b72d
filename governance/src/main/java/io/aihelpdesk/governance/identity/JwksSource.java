package io.aihelpdesk.governance.identity;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The identity provider's public keys, fetched once and cached. A refresh (for a token naming an
 * unknown key id, i.e. key rotation) happens at most once per {@code minRefetch}, so a stream of
 * tokens with bogus key ids cannot turn this server into a load generator against the provider.
 */
final class JwksSource {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private final Duration minRefetch;
    private JWKSet keys;
    private Instant lastLoad;
    private Instant lastRefresh;
    private String lastError;

    JwksSource(URI url, Clock clock, Duration minRefetch) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.clock = clock;
        this.minRefetch = minRefetch;
    }

    /**
     * The cached keys, fetched on first use. A failed first fetch is retried at most once per
     * {@code minRefetch}, so an unreachable provider is not hammered by every request.
     */
    synchronized JWKSet keys() throws JwksUnavailable {
        Instant now = clock.instant();
        if (keys == null && (lastLoad == null || !now.isBefore(lastLoad.plus(minRefetch)))) {
            lastLoad = now;
            fetchIntoCache();
        }
        if (keys == null) {
            throw new JwksUnavailable(lastError);
        }
        return keys;
    }

    /**
     * Re-fetches for a token naming an unknown key id, unless the last such re-fetch was under
     * {@code minRefetch} ago; true when a fetch happened.
     */
    synchronized boolean refresh() {
        Instant now = clock.instant();
        if (lastRefresh != null && now.isBefore(lastRefresh.plus(minRefetch))) {
            return false;
        }
        lastRefresh = now;
        fetchIntoCache();
        return true;
    }

    private void fetchIntoCache() {
        try {
            keys = fetch();
            lastError = null;
        } catch (JwksUnavailable e) {
            lastError = e.getMessage();
        }
    }

    URI url() {
        return url;
    }

    private JWKSet fetch() throws JwksUnavailable {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new JwksUnavailable("JWKS endpoint " + url + " answered HTTP " + response.statusCode()
                        + " — check jwks_url in the JWT settings");
            }
            return JWKSet.parse(response.body());
        } catch (ParseException e) {
            throw new JwksUnavailable("JWKS from " + url + " is not a valid JSON Web Key Set: " + e.getMessage()
                    + " — is jwks_url the provider's certs/jwks endpoint?");
        } catch (IOException e) {
            throw new JwksUnavailable("cannot fetch JWKS from " + url + " after " + (System.nanoTime() - start) / 1_000_000
                    + " ms (timeout " + TIMEOUT.toMillis() + " ms): " + e + " — is the identity provider reachable?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwksUnavailable("interrupted while fetching JWKS from " + url);
        }
    }

    static final class JwksUnavailable extends Exception {
        JwksUnavailable(String message) {
            super(message);
        }
    }
}
