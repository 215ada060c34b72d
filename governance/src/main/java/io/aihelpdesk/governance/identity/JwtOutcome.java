package io.aihelpdesk.governance.identity;

import io.aihelpdesk.tools.Caller;
import java.util.Objects;

/**
 * What {@link JwtVerifier#verify} concluded about one bearer token: the caller it proves, or why it
 * was refused. Reasons carry a stable {@link Reason} code and a message with the observed values.
 */
public sealed interface JwtOutcome {

    /** The token is authentic and current; {@code caller} is who it names. */
    record Verified(Caller caller) implements JwtOutcome {
        public Verified {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** The token was refused; {@code message} says why and what was expected. */
    record Rejected(Reason reason, String message) implements JwtOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return message + " (" + reason.code() + ")";
        }
    }

    /** Stable rejection codes, safe to log and to show to the presenting client. */
    enum Reason {
        MALFORMED("jwt_malformed"),
        ALGORITHM_NOT_ALLOWED("jwt_algorithm_not_allowed"),
        UNKNOWN_KEY("jwt_unknown_key"),
        BAD_SIGNATURE("jwt_bad_signature"),
        EXPIRED("jwt_expired"),
        NOT_YET_VALID("jwt_not_yet_valid"),
        WRONG_ISSUER("jwt_wrong_issuer"),
        WRONG_AUDIENCE("jwt_wrong_audience"),
        MISSING_CLAIM("jwt_missing_claim"),
        JWKS_UNAVAILABLE("jwt_jwks_unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
