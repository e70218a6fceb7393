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
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      writePrivate(file, Base64.getEncoder().encodeToString(key));
      return new Secrets(key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the master key at " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A password kept in {@code <dataDir>/secrets/<name>} (mode 600), generated on first use: 32 random
   * bytes, base64url so it needs no quoting in SQL or on a command line.
   */
  public static String generatedPassword(Path dataDir, String name) {
    Path file = dataDir.resolve("secrets").resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      writePrivate(file, password);
      return password;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the secret " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a file readable by its owner only. The file is created with mode 600 (not chmod-ed after
   * writing), so no other user can open it in between; secrets/ itself is made 700.
   */
  public static void writePrivate(Path file, String content) throws IOException {
    Path dir = Files.createDirectories(file.getParent());
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    Path partial = dir.resolve(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    if (posix) {
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(partial);
    }
    Files.writeString(partial, content, StandardCharsets.US_ASCII);
    // a crash never leaves a half-written secret under the real name
    Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
