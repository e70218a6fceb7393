package cn.bangfu.identity;

import cn.bangfu.platform.Authentication;
import cn.bangfu.platform.Problem;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Instant;
import java.util.Base64;

/**
 * Issues and verifies HS256 JWT bearer tokens (vertx-auth-jwt). The signing key is derived from the
 * server's master key, so every instance on the same database accepts every other's tokens.
 */
public final class Authenticator implements Authentication<Principal> {
  private static final String ISSUER = "bangfu-ledger";

  /** Bounded memory: beyond this Caffeine evicts the least used tokens (not all at once, as the old map did). */
  private static final int MAX_VERIFIED = 20_000;

  private final JWTAuth jwt;
  private final int ttlSeconds;
  private final ActiveUsers subjects;
  /**
   * Tokens whose signature was already verified, by their exact text, with their expiry: a repeat
   * skips the HMAC and the claims' JSON, a visible share of every request's CPU. Expiry is still
   * checked on every use, and the subject's status (disabled users) after this cache.
   */
  private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(MAX_VERIFIED).build();

  private record Verified(Principal principal, long expiresAtSecond) {
  }

  /** Issues and checks signatures only, without asking whether the subject still exists (tests' token makers). */
  public Authenticator(Vertx vertx, byte[] signingKey, int ttlSeconds) {
    this(vertx, signingKey, ttlSeconds, null);
  }

  /**
   * The server's: a token is accepted only while its subject exists and is not disabled, as
   * {@code subjects} says (cached for a few seconds), so disabling a user ends its tokens' use.
   */
  public Authenticator(Vertx vertx, byte[] signingKey, int ttlSeconds, ActiveUsers subjects) {
    this.subjects = subjects;
    this.ttlSeconds = ttlSeconds;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm("HS256")
            .setBuffer(Base64.getEncoder().encodeToString(signingKey)))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(0)));
  }

  public record Token(String token, Instant expiresAt) {
  }

  public Token issue(Principal principal) {
    return issue(principal, Instant.now());
  }

  /** Issues a token as of {@code issuedAt}; tests use a past instant to get an expired token. */
  public Token issue(Principal principal, Instant issuedAt) {
    Instant expiresAt = issuedAt.plusSeconds(ttlSeconds);
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(principal.userId()))
        .put("name", principal.username())
        .put("role", principal.role().name())
        .put("iat", issuedAt.getEpochSecond())
        .put("exp", expiresAt.getEpochSecond());
    if (principal.scopeId() != null) {
      claims.put("scope", principal.scopeId());
    }
    String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER)
        .setNoTimestamp(true));
    return new Token(token, expiresAt);
  }

  /**
   * Verifies signature, issuer and expiry, then that the subject still exists and is enabled; any
   * defect is a 401 that says nothing more.
   */
  @Override
  public Future<Principal> authenticate(String authorizationHeader) {
    Future<Principal> signed = verifySignature(authorizationHeader);
    if (subjects == null) {
      return signed;
    }
    return signed.compose(principal -> subjects.isActive(principal.userId()).compose(active -> active
        ? Future.succeededFuture(principal)
        : Future.failedFuture(Problem.unauthorized("the token is invalid or expired"))));
  }

  private Future<Principal> verifySignature(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(Problem.unauthorized("send Authorization: Bearer <token> from POST /api/v1/auth/token"));
    }
    String token = authorizationHeader.substring(7).trim();
    Verified known = verified.getIfPresent(token);
    if (known != null) {
      if (Instant.now().getEpochSecond() < known.expiresAtSecond()) {
        return Future.succeededFuture(known.principal());
      }
      verified.invalidate(token);
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(Problem.unauthorized("the token is invalid or expired")))
        .compose(user -> {
          JsonObject claims = user.principal();
          try {
            Principal principal = new Principal(
                Long.parseLong(claims.getString("sub")),
                claims.getString("name"),
                Role.valueOf(claims.getString("role")),
                claims.getString("scope"));
            // vertx-auth-jwt moves exp from the principal to the user's attributes
            Long exp = claims.getLong("exp", user.attributes().getLong("exp"));
            if (exp != null) {
              remember(token, new Verified(principal, exp));
            }
            return Future.succeededFuture(principal);
          } catch (RuntimeException e) {
            return Future.failedFuture(Problem.unauthorized("the token is invalid or expired"));
          }
        });
  }

  private void remember(String token, Verified principal) {
    verified.put(token, principal);
  }
}
