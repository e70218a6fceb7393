package cn.bangfu.identity;

import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Password hashing with Vert.x's own PBKDF2-HMAC-SHA512 (vertx-auth-common, PHC string format),
 * no home-made crypto. Callers run it on a worker thread: it is deliberately slow.
 */
public final class Passwords {
  private static final String ALGORITHM = "pbkdf2";
  private static final Map<String, String> PARAMETERS = Map.of("it", "60000");

  private final HashingStrategy strategy = HashingStrategy.load();
  private final SecureRandom random = new SecureRandom();
  /** Verified against when the user does not exist, so a wrong name costs as long as a wrong password. */
  private final String decoy;

  public Passwords() {
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
}
