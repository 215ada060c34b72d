package io.aihelpdesk.server.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sign-ins, kept in this server's memory only. The browser holds a random session id (256
 * bits) in an HttpOnly cookie; the API key or token it signed in with stays here and is checked again
 * on every request. A session ends after {@link #LIFETIME}, on sign-out, or when the server restarts
 * (behind a load balancer, use sticky sessions or sign in again on the other replica).
 */
final class Sessions {
    static final Duration LIFETIME = Duration.ofHours(8);
    /** More open sessions than this and the oldest are dropped: sign-ins need a valid key, but memory is finite. */
    static final int MAX = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> open = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** @param token the API key or JWT the person signed in with; null for the anonymous console of a server without keys */
    Session open(String token) {
        Instant now = clock.instant();
        open.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        while (open.size() >= MAX) {
            open.values().stream().min(java.util.Comparator.comparing(Session::expiresAt)).ifPresent(s -> open.remove(s.id()));
        }
        Session s = new Session(random(), token, random(), now.plus(LIFETIME));
        open.put(s.id(), s);
        return s;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = open.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            open.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void close(String id) {
        if (id != null) {
            open.remove(id);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * One signed-in browser.
     *
     * @param token the credential to re-verify on each request (never rendered, never logged)
     * @param csrf  the token every form of this session carries
     */
    record Session(String id, String token, String csrf, Instant expiresAt, Flash flash) {
        Session(String id, String token, String csrf, Instant expiresAt) {
            this(id, token, csrf, expiresAt, new Flash());
        }

        /** Whether a form's token is this session's (constant time). */
        boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session[expires " + expiresAt + "]";
        }
    }

    /** The notice of the last action, shown once on the page the browser is redirected to. */
    static final class Flash {
        private final java.util.concurrent.atomic.AtomicReference<Html.Notice> notice = new java.util.concurrent.atomic.AtomicReference<>();

        void set(Html.Notice n) {
            notice.set(n);
        }

        Html.Notice take() {
            return notice.getAndSet(null);
        }
    }
}
