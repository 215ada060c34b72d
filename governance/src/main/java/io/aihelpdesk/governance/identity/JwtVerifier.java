package io.aihelpdesk.governance.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.aihelpdesk.governance.identity.JwtOutcome.Reason;
import io.aihelpdesk.governance.identity.JwtOutcome.Rejected;
import io.aihelpdesk.governance.identity.JwtOutcome.Verified;
import io.aihelpdesk.tools.Caller;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies bearer JWTs against the identity provider's JWKS and the {@link JwtSettings}: signature
 * (asymmetric algorithms only; {@code none} and HMAC are always refused), issuer, audience,
 * expiry and not-before (with clock skew), then maps the claims to a {@link Caller} with origin
 * {@code jwt}. Thread-safe; the JWKS is cached and re-fetched at most once per 30 s when a token
 * names a key id the cache does not know (key rotation).
 */
public final class JwtVerifier {
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    private final JwtSettings settings;
    private final Clock clock;
    private final JwksSource jwks;
    private final JwtCallerMapping mapping;

    public JwtVerifier(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    JwtVerifier(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.jwks = new JwksSource(settings.jwksUrl(), clock, MIN_REFETCH);
        this.mapping = new JwtCallerMapping(settings);
    }

    /** The caller a valid token proves; empty for any rejection (use {@link #verify} for the reason). */
    public Optional<Caller> authenticate(String token) {
        return verify(token) instanceof Verified v ? Optional.of(v.caller()) : Optional.empty();
    }

    /** Verifies a token (without the {@code Bearer } prefix) and says why when it is refused. */
    public JwtOutcome verify(String token) {
        if (token == null || token.isBlank()) {
            return new Rejected(Reason.MALFORMED, "no token presented — send 'Authorization: Bearer <jwt>'");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.trim());
        } catch (ParseException e) {
            return new Rejected(Reason.MALFORMED, "token is not a JWT (" + e.getMessage() + ") — send the access token issued by " + settings.issuer());
        }
        if (jwt instanceof PlainJWT) {
            return new Rejected(Reason.ALGORITHM_NOT_ALLOWED, "token is unsigned (alg 'none'), which is never accepted");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            return new Rejected(Reason.ALGORITHM_NOT_ALLOWED, "encrypted (JWE) tokens are not supported; present a signed (JWS) access token");
        }
        Rejected refused = checkSignature(signed);
        if (refused != null) {
            return refused;
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Rejected(Reason.MALFORMED, "token payload is not a JSON claims set: " + e.getMessage());
        }
        refused = checkClaims(claims);
        if (refused != null) {
            return refused;
        }
        Caller caller = mapping.caller(claims.getClaims());
        if (caller == null) {
            return new Rejected(Reason.MISSING_CLAIM, "token has no single string '" + settings.subjectClaim()
                    + "' claim to identify the caller — set subject_claim to the claim your provider uses");
        }
        return new Verified(caller);
    }

    private Rejected checkSignature(SignedJWT signed) {
        JWSHeader header = signed.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            return new Rejected(Reason.ALGORITHM_NOT_ALLOWED, "algorithm " + alg + " is HMAC (shared secret); tokens must be signed with"
                    + " an asymmetric key published at " + jwks.url() + " (allowed: " + settings.algorithms() + ")");
        }
        if (!settings.algorithms().contains(alg.getName())) {
            return new Rejected(Reason.ALGORITHM_NOT_ALLOWED, "algorithm " + alg + " is not allowed (allowed: " + settings.algorithms()
                    + ") — add it to 'algorithms' in the JWT settings if the provider really signs with it");
        }
        JWKSet keys;
        try {
            keys = jwks.keys();
            JWK key = find(keys, header.getKeyID());
            if (key == null && jwks.refresh()) {
                keys = jwks.keys();
                key = find(keys, header.getKeyID());
            }
            if (key == null) {
                return unknownKey(header.getKeyID(), keys);
            }
            return verifyWith(signed, alg, key);
        } catch (JwksSource.JwksUnavailable e) {
            return new Rejected(Reason.JWKS_UNAVAILABLE, e.getMessage());
        }
    }

    private static JWK find(JWKSet keys, String kid) {
        if (kid == null) {
            List<JWK> all = keys.getKeys();
            return all.size() == 1 ? all.get(0) : null;
        }
        return keys.getKeyByKeyId(kid);
    }

    private Rejected unknownKey(String kid, JWKSet keys) {
        List<String> known = keys.getKeys().stream().map(k -> String.valueOf(k.getKeyID())).toList();
        String what = kid == null ? "token names no key id (kid) and the JWKS does not hold exactly one key"
                : "key id '" + kid + "' is not in the JWKS";
        return new Rejected(Reason.UNKNOWN_KEY, what + " at " + jwks.url() + " (known: " + known
                + "; re-fetched at most every " + MIN_REFETCH.toSeconds() + " s) — was the token issued by " + settings.issuer() + "?");
    }

    private static Rejected verifyWith(SignedJWT signed, JWSAlgorithm alg, JWK key) {
        String kid = String.valueOf(key.getKeyID());
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return new Rejected(Reason.BAD_SIGNATURE, "key '" + kid + "' is published for use '" + key.getKeyUse().identifier()
                    + "', not for signatures — the token names the wrong key id");
        }
        try {
            JWSVerifier verifier;
            if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (JWSAlgorithm.Family.EC.contains(alg) && key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return new Rejected(Reason.BAD_SIGNATURE, "token says " + alg + " but key '" + kid + "' is a " + key.getKeyType()
                        + " key — the header was altered or the wrong key id was used");
            }
            if (!signed.verify(verifier)) {
                return new Rejected(Reason.BAD_SIGNATURE, "signature does not verify with key '" + kid
                        + "' — the token was altered or signed by another key");
            }
            return null;
        } catch (JOSEException e) {
            return new Rejected(Reason.BAD_SIGNATURE, "cannot verify the signature with key '" + kid + "': " + e.getMessage());
        }
    }

    private Rejected checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        long skew = settings.clockSkew().toSeconds();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return new Rejected(Reason.MISSING_CLAIM, "token has no 'exp' claim; tokens without an expiry are refused");
        }
        if (now.isAfter(exp.toInstant().plusSeconds(skew))) {
            return new Rejected(Reason.EXPIRED, "token expired at " + exp.toInstant() + " (now " + now + ", clock skew " + skew
                    + " s) — obtain a fresh token");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plusSeconds(skew).isBefore(nbf.toInstant())) {
            return new Rejected(Reason.NOT_YET_VALID, "token is not valid before " + nbf.toInstant() + " (now " + now + ", clock skew "
                    + skew + " s) — check the clocks of this server and the identity provider");
        }
        if (!settings.issuer().equals(claims.getIssuer())) {
            return new Rejected(Reason.WRONG_ISSUER, "issuer is '" + claims.getIssuer() + "', expected '" + settings.issuer() + "'");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(settings.audience())) {
            return new Rejected(Reason.WRONG_AUDIENCE, "audience is " + (aud == null ? "[]" : aud) + ", expected it to include '"
                    + settings.audience() + "' — the token was issued for another service");
        }
        return null;
    }
}
