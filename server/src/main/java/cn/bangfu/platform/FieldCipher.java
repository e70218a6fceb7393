package cn.bangfu.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for personal identity numbers: AES-256-GCM with a random 96-bit nonce per
 * value (stored as nonce ‖ ciphertext ‖ tag), and a keyed HMAC-SHA256 of the value for equality
 * look-ups (duplicate detection) without decrypting anything.
 */
public final class FieldCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryptionKey;
  private final byte[] hashKey;
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(byte[] encryptionKey, byte[] hashKey) {
    this.encryptionKey = new SecretKeySpec(encryptionKey, 0, 32, "AES");
    this.hashKey = hashKey.clone();
  }

  public byte[] encrypt(String plain) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public String decrypt(byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed (wrong key or tampered value)", e);
    }
  }

  public byte[] keyedHash(String plain) {
    return Secrets.hmac(hashKey, plain.getBytes(StandardCharsets.UTF_8));
  }
}
