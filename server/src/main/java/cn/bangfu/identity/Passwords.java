package cn.bangfu.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Password hashing with Vert.x's own PBKDF2-HMAC-SHA512 (vertx-auth-common, PHC string format),
 * no home-made crypto. It is deliberately slow (tens of milliseconds), so the server runs it on an
 * executor of its own: never on an event loop, and never on a database worker while a connection
 * (or a transaction) is held, where a burst of sign-ins would starve every other request of the pool.
 */
public final class Passwords {
  private static final String ALGORITHM = "pbkdf2";
  private static final Map<String, String> PARAMETERS = Map.of("it", "60000");
  /** Hashing threads: a burst of sign-ins queues here instead of taking every core from the event loops. */
  static final int HASHING_THREADS = 2;

  private final HashingStrategy strategy;
  private final SecureRandom random = new SecureRandom();
  private final WorkerExecutor hashing;
  /** Verified against when the user does not exist, so a wrong name costs as long as a wrong password. */
  private final String decoy;

  /** For tools and start-up code that hash on their own thread ({@link #hash}, {@link #verify}). */
  public Passwords() {
    this(null, HashingStrategy.load());
  }

  /** For the server: {@link #hashing} and {@link #matching} run on a small named worker executor of {@code vertx}. */
  public Passwords(Vertx vertx) {
    this(vertx, HashingStrategy.load());
  }

  Passwords(Vertx vertx, HashingStrategy strategy) {
    this.strategy = strategy;
    this.hashing = vertx == null ? null : vertx.createSharedWorkerExecutor("ledger-password-hashing", HASHING_THREADS);
    this.decoy = hash("decoy-password-for-timing");
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String encodedSalt = Base64.getEncoder().withoutPadding().encodeToString(salt);
    return strategy.hash(ALGORITHM, PARAMETERS, encodedSalt, password);
  }

  public boolean verify(String storedHash, String password) {
    return strategy.verify(storedHash == null ? decoy : storedHash, password) && storedHash != null;
  }

  /** {@link #hash} on the hashing executor (on the caller's thread when built without Vert.x). */
  public Future<String> hashing(String password) {
    return offThread(() -> hash(password));
  }

  /** {@link #verify} on the hashing executor (on the caller's thread when built without Vert.x). */
  public Future<Boolean> matching(String storedHash, String password) {
    return offThread(() -> verify(storedHash, password));
  }

  private <T> Future<T> offThread(java.util.concurrent.Callable<T> work) {
    if (hashing == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    // unordered: sign-ins are independent, both threads may work at once
    return hashing.executeBlocking(work, false);
  }
}
