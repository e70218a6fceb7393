package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, finding 4: failed sign-ins are braked per account (strict, growing locks) and per
 * address (looser, failures only), answered 429 problem+json with Retry-After, and logged without
 * the password; successful sign-ins are never slowed. Each test plays its own client addresses
 * (127.0.0.x) and accounts, so they do not share limits.
 */
class SignInThrottleTest {
  @ClassServer static TestServer server;

  private static RawHttp.Response signIn(String from, String username, String password) {
    return RawHttp.from(from, server.server().port()).post("/api/v1/auth/token", null,
        new JsonObject().put("username", username).put("password", password));
  }

  private static void createUser(String username) {
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("role", "REGULATOR").put("scopeId", "4501")).expect(201);
  }

  @Test
  void after_five_wrong_passwords_the_account_is_locked_429_with_retry_after_even_for_the_right_password() {
    createUser("township-clerk");
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertThat(signIn("127.0.0.2", "township-clerk", "wrong-guess-" + i).status()).isEqualTo(401);
    }
    RawHttp.Response locked = signIn("127.0.0.2", "township-clerk", "password-township-clerk");
    assertThat(locked.status()).as(locked.text()).isEqualTo(429);
    assertThat(locked.isProblem()).isTrue();
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(locked.body().getString("type")).endsWith("/too-many-requests");
    RawHttp.Response otherCase = signIn("127.0.0.2", "TOWNSHIP-CLERK", "password-township-clerk");
    assertThat(otherCase.status()).as("the lock is on the account, whatever the name's case").isEqualTo(429);
  }

  @Test
  void a_locked_account_ends_its_lock_and_the_right_password_then_signs_in_and_starts_over() {
    createUser("village-cadre");
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      signIn("127.0.0.3", "village-cadre", "wrong-guess-" + i);
    }
    RawHttp.Response locked = signIn("127.0.0.3", "village-cadre", "password-village-cadre");
    assertThat(locked.status()).isEqualTo(429);
    long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(locked.header("Retry-After"))).toNanos();
    while (System.nanoTime() < until) {
      Thread.onSpinWait(); // the lock is 1 s: waiting out Retry-After is what a client does
    }
    assertThat(signIn("127.0.0.3", "village-cadre", "password-village-cadre").status()).isEqualTo(200);
    assertThat(signIn("127.0.0.3", "village-cadre", "wrong-again").status())
        .as("a success starts over: one failure is free again").isEqualTo(401);
    assertThat(signIn("127.0.0.3", "village-cadre", "password-village-cadre").status()).isEqualTo(200);
  }

  @Test
  void a_locked_account_does_not_slow_another_account_signing_in_from_the_same_address() {
    createUser("coop-accountant-a");
    createUser("coop-accountant-b");
    for (int i = 0; i < SignInThrottle.FREE_FAILURES + 1; i++) {
      signIn("127.0.0.4", "coop-accountant-a", "wrong-guess-" + i);
    }
    assertThat(signIn("127.0.0.4", "coop-accountant-a", "password-coop-accountant-a").status()).isEqualTo(429);
    assertThat(signIn("127.0.0.4", "coop-accountant-b", "password-coop-accountant-b").status()).isEqualTo(200);
  }

  @Test
  void one_address_guessing_across_many_names_is_refused_after_its_failures_while_another_address_signs_in() {
    createUser("county-auditor");
    int failuresBeforeRefusal = 0;
    RawHttp.Response answer = null;
    for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES + 5; i++) {
      // a different name each time, so no account lock is involved: only the address limit
      answer = signIn("127.0.0.5", "sprayed-name-" + i, "Summer-2026!");
      if (answer.status() != 401) {
        break;
      }
      failuresBeforeRefusal++;
    }
    assertThat(answer.status()).as(answer.text()).isEqualTo(429);
    assertThat(answer.isProblem()).isTrue();
    // the bucket refills one failure per ADDRESS_REFILL / ADDRESS_FAILURES (20 s): a slow run may earn one more
    assertThat(failuresBeforeRefusal).isBetween((int) SignInThrottle.ADDRESS_FAILURES,
        (int) SignInThrottle.ADDRESS_FAILURES + 2);
    RawHttp.Response right = signIn("127.0.0.5", "county-auditor", "password-county-auditor");
    assertThat(right.status()).as("no password is checked from that address for now").isEqualTo(429);
    assertThat(Long.parseLong(right.header("Retry-After"))).isPositive();
    assertThat(signIn("127.0.0.6", "county-auditor", "password-county-auditor").status())
        .as("another address is not affected").isEqualTo(200);
  }

  @Test
  void successful_sign_ins_from_one_shared_address_are_never_throttled_even_beside_failures() {
    createUser("office-user");
    // a township office: a few typos among more successful sign-ins than the address allows failures
    int successes = 0;
    int rounds = (int) SignInThrottle.ADDRESS_FAILURES + 5;
    for (int i = 0; i < rounds; i++) {
      if (i % 8 == 0) {
        assertThat(signIn("127.0.0.8", "office-user-typo-" + i, "wrong-password").status()).isEqualTo(401);
      }
      RawHttp.Response ok = signIn("127.0.0.8", "office-user", "password-office-user");
      assertThat(ok.status()).as("sign-in " + i + ": " + ok.text()).isEqualTo(200);
      successes++;
    }
    assertThat(successes).isEqualTo(rounds);
  }

  @Test
  void a_failed_sign_in_is_logged_with_name_and_address_but_never_the_password() {
    Logger logger = (Logger) LoggerFactory.getLogger(IdentityService.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    try {
      signIn("127.0.0.9", "log-check-user", "Secret-Guess-4711");
    } finally {
      logger.detachAppender(captured);
    }
    List<String> lines = new ArrayList<>();
    captured.list.forEach(e -> lines.add(e.getFormattedMessage()));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("log-check-user").contains("127.0.0.9"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains("Secret-Guess-4711"));
  }

  // The growing locks, on a clock the test moves (no waiting): 1 s after the 5th failure, doubling.

  private static final class FakeClock implements TimeMeter {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }
  }

  @Test
  void locks_grow_from_one_second_doubling_to_fifteen_minutes_and_a_success_resets_them() {
    FakeClock clock = new FakeClock();
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.admit("clerk", "10.1.1.1").admitted()).isTrue();
      throttle.failed("clerk", "10.1.1.1");
    }
    long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
    for (long seconds : expected) {
      SignInThrottle.Admission refused = throttle.admit("clerk", "10.1.1.1");
      assertThat(refused.admitted()).isFalse();
      assertThat(refused.retryAfterSeconds()).isEqualTo(seconds);
      clock.advance(Duration.ofSeconds(seconds));
      assertThat(throttle.admit("clerk", "10.1.1.1").admitted()).as("lock of " + seconds + " s over").isTrue();
      throttle.failed("clerk", "10.1.1.1");
    }
    clock.advance(Duration.ofMinutes(15));
    assertThat(throttle.admit("clerk", "10.1.1.1").admitted()).isTrue();
    throttle.succeeded("clerk", "10.1.1.1");
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.admit("clerk", "10.1.1.1").admitted()).as("free again after a success").isTrue();
      throttle.failed("clerk", "10.1.1.1");
    }
    assertThat(throttle.admit("clerk", "10.1.1.1").retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void parallel_guesses_cannot_slip_past_the_free_failures_while_the_first_are_being_checked() {
    SignInThrottle throttle = new SignInThrottle(new FakeClock());
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      admitted += throttle.admit("target", "10.2.2.2").admitted() ? 1 : 0; // none has finished yet
    }
    assertThat(admitted).isEqualTo(SignInThrottle.FREE_FAILURES);
  }

  @Test
  void the_address_limit_refills_with_time_and_gives_successes_back() {
    FakeClock clock = new FakeClock();
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES; i++) {
      assertThat(throttle.admit("name-" + i, "10.3.3.3").admitted()).isTrue();
      throttle.failed("name-" + i, "10.3.3.3");
    }
    SignInThrottle.Admission refused = throttle.admit("someone", "10.3.3.3");
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.reason()).isEqualTo("address");
    // greedy refill: ADDRESS_FAILURES per ADDRESS_REFILL, so one token after REFILL / FAILURES
    assertThat(refused.retryAfterSeconds())
        .isEqualTo(SignInThrottle.ADDRESS_REFILL.toSeconds() / SignInThrottle.ADDRESS_FAILURES);
    clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
    assertThat(throttle.admit("someone", "10.3.3.3").admitted()).isTrue();
    throttle.succeeded("someone", "10.3.3.3");
    assertThat(throttle.admit("someone-else", "10.3.3.3").admitted()).as("the success gave its token back").isTrue();
  }
}
