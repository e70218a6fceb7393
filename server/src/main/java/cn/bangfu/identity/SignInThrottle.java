package cn.bangfu.identity;

import cn.bangfu.platform.RateLimit;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Locale;

/**
 * Brute-force brakes on sign-in (issue 12, finding 4), counting failed attempts only.
 *
 * <p>Per account (the user name, case-insensitive, known or not, so the answer tells nothing about
 * which names exist): {@link #FREE_FAILURES} failures in a row are free; each further one locks
 * the account for 1 s, then 2, 4, ... up to {@link #MAX_LOCK}; a success starts over. While
 * locked, even the right password is refused (429) without being checked, or guessing would go
 * on. Attempts still being checked count as failures until they end, so a burst of parallel
 * guesses cannot slip past before the first failure is recorded.
 *
 * <p>Per client address: a looser Bucket4j bucket of {@link #ADDRESS_FAILURES} failures, refilled
 * as many per {@link #ADDRESS_REFILL}, against one address trying many names. An attempt takes a
 * token and a success gives it back, so the many successful sign-ins of a township office
 * behind one address never use it up.
 *
 * <p>State lives in bounded Caffeine maps (made-up names and addresses cost bounded memory), per
 * server instance.
 */
public final class SignInThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofSeconds(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  public static final long ADDRESS_FAILURES = 30;
  static final Duration ADDRESS_REFILL = Duration.ofMinutes(10);
  private static final int MAX_ACCOUNTS = 100_000;

  private final TimeMeter clock;
  private final RateLimit addresses;
  /** Forgotten after twice the longest lock without an attempt: a fresh start then is no gift. */
  private final Cache<String, Account> accounts;

  /** Consecutive failures, attempts being checked, and the lock's end on {@link #clock}. */
  private record Account(int failures, int checking, long lockedUntilNanos) {
  }

  /** The outcome of {@link #admit}: go ahead, or wait this many seconds. */
  public record Admission(boolean admitted, long retryAfterSeconds, String reason) {
  }

  public SignInThrottle() {
    this(TimeMeter.SYSTEM_NANOTIME);
  }

  /** With another clock, so tests can move time instead of waiting. */
  public SignInThrottle(TimeMeter clock) {
    this.clock = clock;
    this.addresses = new RateLimit(ADDRESS_FAILURES, ADDRESS_REFILL, clock);
    this.accounts = Caffeine.newBuilder().maximumSize(MAX_ACCOUNTS).expireAfterAccess(MAX_LOCK.multipliedBy(2))
        .build();
  }

  static String accountKey(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /**
   * Before a password is checked. When admitted, the attempt counts as a failure until
   * {@link #succeeded}, {@link #failed} or {@link #abandoned} says how it ended; exactly one of them
   * must follow.
   */
  public Admission admit(String username, String address) {
    String key = accountKey(username);
    long[] wait = {0};
    long now = clock.currentTimeNanos();
    accounts.asMap().compute(key, (k, account) -> {
      Account a = account == null ? new Account(0, 0, now) : account;
      if (now < a.lockedUntilNanos()) {
        wait[0] = ceilSeconds(a.lockedUntilNanos() - now);
        return a;
      }
      boolean locked = a.failures() >= FREE_FAILURES;
      if (a.failures() + a.checking() >= FREE_FAILURES && (!locked || a.checking() > 0)) {
        // free attempts used up by attempts still being checked; or one try after a lock is already under way
        wait[0] = ceilSeconds(FIRST_LOCK.toNanos());
        return a;
      }
      return new Account(a.failures(), a.checking() + 1, a.lockedUntilNanos());
    });
    if (wait[0] > 0) {
      return new Admission(false, wait[0], "account");
    }
    long addressWait = addresses.take(address);
    if (addressWait > 0) {
      release(key);
      return new Admission(false, addressWait, "address");
    }
    return new Admission(true, 0, null);
  }

  /** The password was right: the account starts over and the address gets its token back. */
  public void succeeded(String username, String address) {
    accounts.invalidate(accountKey(username));
    addresses.giveBack(address);
  }

  /** The password was wrong (or the user unknown or disabled); returns the failures in a row so far. */
  public int failed(String username, String address) {
    long now = clock.currentTimeNanos();
    Account after = accounts.asMap().compute(accountKey(username), (k, account) -> {
      Account a = account == null ? new Account(0, 1, now) : account;
      int failures = a.failures() + 1;
      long lockedUntil = failures >= FREE_FAILURES ? now + lockAfter(failures).toNanos() : a.lockedUntilNanos();
      return new Account(failures, Math.max(0, a.checking() - 1), lockedUntil);
    });
    return after.failures();
  }

  /** The check could not be made (e.g. the database failed): it counts neither way. */
  public void abandoned(String username, String address) {
    release(accountKey(username));
    addresses.giveBack(address);
  }

  private void release(String key) {
    accounts.asMap().computeIfPresent(key, (k, a) ->
        new Account(a.failures(), Math.max(0, a.checking() - 1), a.lockedUntilNanos()));
  }

  /** The lock after the n-th failure in a row: 1 s after the 5th, doubling, at most {@link #MAX_LOCK}. */
  static Duration lockAfter(int failures) {
    int doublings = Math.min(30, Math.max(0, failures - FREE_FAILURES));
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }

  private static long ceilSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
