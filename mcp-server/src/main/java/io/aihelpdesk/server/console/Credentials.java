package io.aihelpdesk.server.console;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.identity.JwtOutcome;
import io.aihelpdesk.governance.identity.JwtVerifier;
import io.aihelpdesk.tools.Caller;

/**
 * Checks a presented token exactly as the API's bearer authentication does: as an API key first,
 * then, when it has the three parts of a JWT, as a token of the configured identity provider. The
 * console runs this on every request with the token its session holds, so a key or token that stops
 * being valid (a JWT expires) ends the console session too.
 */
final class Credentials {
    private final ApiKeys keys;
    private final JwtVerifier jwt;

    /** Either may be null; both null means the server runs without authentication (loopback only). */
    Credentials(ApiKeys keys, JwtVerifier jwt) {
        this.keys = keys;
        this.jwt = jwt;
    }

    boolean required() {
        return keys != null || jwt != null;
    }

    /** The verified caller, or the reason the token was refused. */
    Check check(String token) {
        String t = token == null ? "" : token.trim();
        if (t.isEmpty()) {
            return new Check(null, "no API key was entered");
        }
        if (keys != null) {
            var caller = keys.authenticate(t);
            if (caller.isPresent()) {
                return new Check(caller.get(), null);
            }
        }
        String rejection = "the API key is not known to this server";
        if (jwt != null && t.chars().filter(ch -> ch == '.').count() == 2) {
            JwtOutcome outcome = jwt.verify(t);
            if (outcome instanceof JwtOutcome.Verified v) {
                return new Check(v.caller(), null);
            }
            if (outcome instanceof JwtOutcome.Rejected r) {
                rejection = r.message();
            }
        }
        return new Check(null, rejection);
    }

    /** @param caller null when refused; then {@code rejection} says why */
    record Check(Caller caller, String rejection) {
        boolean ok() {
            return caller != null;
        }
    }
}
