package cn.bangfu.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of the pages' forms (issue 15): an HMAC, under a key derived from the server's
 * master key, of a secret cookie the form's page was served with (the session cookie once signed in,
 * a form cookie before). Another site can make a browser send the cookie but can neither read it nor
 * compute the token, so a POST whose hidden field does not match is refused (403). No state is kept:
 * every instance on the same master key computes the same token, and a second tab or the back button
 * keeps working because the token does not change per page view (vertx-web's CSRFHandler without a
 * session store issues a new cookie on every GET, which breaks both).
 */
public final class Csrf {
  /** The hidden form field carrying the token. */
  public static final String FIELD = "csrf";

  private final SecretKeySpec key;

  public Csrf(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The token for forms served with cookie value {@code binding}. */
  public String token(String binding) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(binding.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code presented} is the token for {@code binding}, compared in constant time. */
  public boolean valid(String binding, String presented) {
    if (binding == null || binding.isEmpty() || presented == null || presented.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(token(binding).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
