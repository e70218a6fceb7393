package cn.bangfu.identity;

import cn.bangfu.platform.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (issue 12, finding 4): at least {@link #MIN_LENGTH} characters, at
 * least {@link #MIN_DISTINCT} different ones, not a run such as 1234567890 or abcdefghij, not a
 * shorter string repeated, not the user name, and not on the common-password lists shipped in
 * {@code identity/} (their README names the sources). Checked wherever a password is set: user
 * creation by an admin, the demo users and the first admin.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;
  static final int MIN_DISTINCT = 4;
  private static final String[] LISTS = {"/identity/common-passwords.txt", "/identity/common-passwords-zh.txt"};

  private final Set<String> common;

  public PasswordPolicy() {
    Set<String> words = new HashSet<>();
    for (String list : LISTS) {
      try (InputStream in = PasswordPolicy.class.getResourceAsStream(list)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + list);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isEmpty()) {
            words.add(line.toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not read " + list, e);
      }
    }
    this.common = Set.copyOf(words);
  }

  /** How many common passwords are known (a start-up sanity check and for tests). */
  public int commonPasswords() {
    return common.size();
  }

  /** Refuses a password that breaks a rule: 400 naming the field {@code password}, saying which rule. */
  public void check(String username, String password) {
    String why = weakness(username, password);
    if (why != null) {
      throw Problem.badRequest("password", why);
    }
  }

  /** Why {@code password} is refused, or null when it is acceptable. */
  public String weakness(String username, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "password must be at least " + MIN_LENGTH + " characters";
    }
    if (password.length() > MAX_LENGTH) {
      return "password must be at most " + MAX_LENGTH + " characters";
    }
    if (password.codePoints().distinct().count() < MIN_DISTINCT) {
      return "password must use at least " + MIN_DISTINCT + " different characters";
    }
    if (isRun(password)) {
      return "password must not be a run of consecutive characters such as 1234567890 or abcdefghij";
    }
    if (isRepetition(password)) {
      return "password must not be a shorter text repeated";
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
      return "password must not be the user name";
    }
    if (common.contains(lower)) {
      return "password is on the list of commonly used passwords; choose another";
    }
    return null;
  }

  /** Each character one up (or each one down) from the one before; 9 then 0 counts as a step, as on a keyboard. */
  static boolean isRun(String password) {
    int up = 0;
    int down = 0;
    for (int i = 1; i < password.length(); i++) {
      int step = Character.toLowerCase(password.charAt(i)) - Character.toLowerCase(password.charAt(i - 1));
      boolean wrapUp = password.charAt(i - 1) == '9' && password.charAt(i) == '0';
      boolean wrapDown = password.charAt(i - 1) == '0' && password.charAt(i) == '9';
      up += step == 1 || wrapUp ? 1 : 0;
      down += step == -1 || wrapDown ? 1 : 0;
    }
    return up == password.length() - 1 || down == password.length() - 1;
  }

  /** The whole password is one shorter text written two or more times (abcdeabcde, passwordpassword). */
  static boolean isRepetition(String password) {
    return (password + password).indexOf(password, 1) < password.length();
  }
}
