package cn.bangfu.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 256-bit master key, from LEDGER_MASTER_KEY (base64) or generated on first start into
 * {@code <dataDir>/secrets/master.key} (mode 600, never in the repository). Every purpose gets its
 * own key derived by HMAC-SHA256(master, purpose), so the token-signing key, the identity-number
 * encryption key and the duplicate-detection hash key are independent. Instances sharing one
 * database must share the master key (same env value or same data directory).
 */
public final class Secrets {
  private final byte[] master;

  private Secrets(byte[] master) {
    this.master = master;
  }

  public static Secrets load(Optional<String> fromEnvironment, Path dataDir) {
    if (fromEnvironment.isPresent()) {
      byte[] key = Base64.getDecoder().decode(fromEnvironment.get().trim());
      if (key.length < 32) {
        throw new IllegalArgumentException("LEDGER_MASTER_KEY must be at least 32 bytes, base64-encoded");
      }
      return new Secrets(key);
    }
    Path file = dataDir.resolve("secrets").resolve("master.key");
    try {
      if (Files.exists(file)) {
        return new Secrets(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
      }
      Files.createDirectories(file.getParent());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // non-POSIX file systems keep their default permissions
      }
      return new Secrets(key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the master key at " + file + ": " + e.getMessage(), e);
    }
  }

  public byte[] derive(String purpose) {
    return hmac(master, purpose.getBytes(StandardCharsets.UTF_8));
  }

  /** Safe to store and compare: reveals nothing about the key, detects a different one. */
  public String fingerprint() {
    return HexFormat.of().formatHex(derive("fingerprint"));
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
