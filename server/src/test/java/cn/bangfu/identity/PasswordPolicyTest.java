package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 4: a new password has a minimum length, is not a run, a repetition or a
 * common password from the lists shipped in identity/, and is refused with 400 naming the field
 * "password"; the passwords the tests and the demo use stay valid.
 */
class PasswordPolicyTest {
  @ClassServer static TestServer server;
  static final PasswordPolicy POLICY = new PasswordPolicy();

  private static Http.Response create(String username, String password) {
    return server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", password).put("role", "REGULATOR").put("scopeId", "4501"));
  }

  @Test
  void the_passwords_of_the_finding_are_refused_with_400_naming_the_password_field() {
    String[] weak = {"1234567890", "aaaaaaaaaa", "0987654321", "abcdefghij", "qwertyuiop", "PASSWORD123",
        "woaini1314", "5201314520", "abcdeabcde", "short-pw"};
    int n = 0;
    for (String password : weak) {
      Http.Response response = create("weak-" + n++, password);
      assertThat(response.status()).as(password + ": " + response.text()).isEqualTo(400);
      assertThat(response.isProblem()).isTrue();
      assertThat(response.body().getString("field")).as(password).isEqualTo("password");
    }
    assertThat(server.http.post("/api/v1/auth/token", null, new JsonObject().put("username", "weak-0")
        .put("password", "1234567890")).status()).as("no user was created").isEqualTo(401);
  }

  @Test
  void the_user_name_as_password_is_refused() {
    Http.Response response = create("grape-grower", "GRAPE-GROWER");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getString("detail")).contains("user name");
  }

  @Test
  void a_long_uncommon_password_is_accepted_and_signs_in() {
    create("canteen-buyer", "晴天-grape-harvest-2026").expect(201);
    assertThat(server.http.login("canteen-buyer", "晴天-grape-harvest-2026")).isNotBlank();
  }

  @Test
  void the_passwords_tests_benchmarks_and_the_demo_use_pass_the_policy() {
    assertThat(POLICY.weakness("county-regulator", "demo-password-2026")).isNull();
    assertThat(POLICY.weakness("admin", TestServer.ADMIN_PASSWORD)).isNull();
    assertThat(POLICY.weakness("abc", "password-abc")).isNull();
    assertThat(POLICY.weakness("admin", "bench-admin-password")).isNull();
    assertThat(POLICY.weakness("x", "bench-password-1")).isNull();
    assertThat(POLICY.weakness("county-auditor", "long-enough-password")).isNull();
  }

  @Test
  void the_shipped_lists_hold_ten_thousand_common_passwords_and_are_matched_ignoring_case() {
    assertThat(POLICY.commonPasswords()).isGreaterThanOrEqualTo(10_000);
    assertThat(POLICY.weakness("u", "Iloveyou123")).contains("commonly used");
    assertThat(POLICY.weakness("u", "Manchester")).contains("commonly used");
  }

  @Test
  void runs_and_repetitions_are_recognised_in_both_directions() {
    assertThat(PasswordPolicy.isRun("1234567890")).isTrue();
    assertThat(PasswordPolicy.isRun("9876543210")).isTrue();
    assertThat(PasswordPolicy.isRun("ABCDEFGHIJK")).isTrue();
    assertThat(PasswordPolicy.isRun("1234567809")).isFalse();
    assertThat(PasswordPolicy.isRepetition("passwordpassword")).isTrue();
    assertThat(PasswordPolicy.isRepetition("abcabcabca")).isFalse();
    assertThat(POLICY.weakness("u", "ababababab")).contains("different characters");
  }

  @Test
  void a_weak_configured_admin_password_is_refused_on_the_first_start_with_a_clear_message() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    cn.bangfu.platform.Database database = cn.bangfu.platform.Database.connect(vertx, TestDatabase.freshDatabase(),
        TestDatabase.user(), TestDatabase.password(), 2, null);
    try {
      database.migrate();
      UserRepository users = new UserRepository(cn.bangfu.platform.BusinessClock.system());
      IdentityService identity = new IdentityService(database, users, new Passwords(),
          new Authenticator(vertx, new byte[32], 60), cn.bangfu.platform.Ids.forThisProcess(), POLICY,
          new SignInThrottle(), new ActiveUsers(database, users));
      assertThatThrownBy(() -> identity.ensureAdmin(Optional.of("1234567890")))
          .hasMessageContaining("LEDGER_ADMIN_PASSWORD");
      assertThat(users.anyUser(database.dsl())).as("no admin with that password").isFalse();
    } finally {
      database.close();
      vertx.close();
    }
  }
}
