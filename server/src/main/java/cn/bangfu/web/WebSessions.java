package cn.bangfu.web;

import cn.bangfu.identity.Principal;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.PageCookies;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;

/**
 * The sessions of the pages for people (issue 15), one row each in web_session (V21, which says why
 * rows and not a signed cookie). A session lasts as long as an API token ({@code LEDGER_TOKEN_TTL_SECONDS},
 * 8 hours by default), counted on the business clock like every time a row stores, so a test lets it
 * run out by advancing that clock instead of sleeping.
 */
public final class WebSessions {
  /** The session cookie: a random value the server keeps only as a hash. */
  public static final String COOKIE = "bangfu_session";

  private final Database database;
  private final WebSessionRepository sessions;
  private final BusinessClock clock;
  private final long ttlSeconds;

  public WebSessions(Database database, WebSessionRepository sessions, BusinessClock clock, long ttlSeconds) {
    this.database = database;
    this.sessions = sessions;
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  /** What a request's cookie turned out to be. */
  public sealed interface Found {
  }

  /** A live session of an enabled user. */
  public record Active(Principal principal) implements Found {
  }

  /** A session that was valid and has run out: the reader is told so, not just sent to sign in. */
  public record Expired() implements Found {
  }

  /** No cookie, an unknown one (signed out, forged) or a disabled user. */
  public record None() implements Found {
  }

  /** Opens a session for a user who just signed in; returns the cookie value. */
  public Future<String> open(Principal user) {
    String cookie = PageCookies.randomValue();
    LocalDateTime now = clock.now();
    return database.tx(db -> {
      sessions.sweep(db, now);
      sessions.insert(db, hash(cookie), user.userId(), now, now.plusSeconds(ttlSeconds));
      return cookie;
    });
  }

  public Future<Found> find(String cookie) {
    if (cookie == null) {
      return Future.succeededFuture(new None());
    }
    return database.read(db -> found(db, cookie));
  }

  /** The session and what {@code then} reads with it, in one trip to a worker and on one connection. */
  public <T> Future<FoundWith<T>> findThen(String cookie, java.util.function.BiFunction<org.jooq.DSLContext, Found, T> then) {
    return database.read(db -> {
      Found found = cookie == null ? new None() : found(db, cookie);
      return new FoundWith<>(found, then.apply(db, found));
    });
  }

  /** A session look-up and the read made with it. */
  public record FoundWith<T>(Found found, T read) {
  }

  private Found found(org.jooq.DSLContext db, String cookie) {
    return sessions.find(db, hash(cookie)).<Found>map(row -> {
      if (row.disabled()) {
        return new None();
      }
      if (!clock.now().isBefore(row.expiresAt())) {
        return new Expired();
      }
      return new Active(new Principal(row.userId(), row.username(), row.role(), row.scopeId()));
    }).orElseGet(None::new);
  }

  /** Signs out: the row is gone, so the cookie opens nothing on any instance, also a copy of it. */
  public Future<Void> close(String cookie) {
    if (cookie == null) {
      return Future.succeededFuture();
    }
    return database.tx(db -> {
      sessions.delete(db, hash(cookie));
      return null;
    });
  }

  static String hash(String cookie) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
