package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.hashing.HashingAlgorithm;
import io.vertx.ext.auth.hashing.HashingStrategy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PBKDF2 (60,000 iterations, tens of milliseconds) runs on its own executor, outside any transaction
 * and without a database connection held (issue 18, point 2): a burst of sign-ins or new users cannot
 * hold the pool's connections while the CPU hashes. The hashing strategy is wrapped to look at both
 * pools (and the thread) at the moment each hash is computed or checked.
 */
class PasswordHashingTest {
  private static Vertx vertx;
  private static Database database;
  private static IdentityService identity;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    database = Database.connect(vertx, TestDatabase.serverUrl(TestDatabase.freshDatabase()), TestDatabase.user(),
        TestDatabase.password(), 2, null);
    database.migrate();
    UserRepository users = new UserRepository(new cn.bangfu.platform.BusinessClock(java.time.Clock.systemUTC()));
    ActiveUsers activeUsers = new ActiveUsers(database, users);
    Passwords passwords = new Passwords(vertx, new Observed(HashingStrategy.load()));
    seen.clear(); // the decoy hash made by the constructor
    identity = new IdentityService(database, users, passwords, new Authenticator(vertx, new byte[32], 60, activeUsers),
        Ids.forThisProcess(), new PasswordPolicy(), new SignInThrottle(), activeUsers);
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void a_new_user_signs_in_and_no_hash_is_computed_or_checked_while_a_connection_is_held() throws Exception {
    seen.clear();
    Principal created = identity.createUser("village-clerk", "ridge-tea-harvest-2026", Role.REGULATOR, "4501")
        .await(30, TimeUnit.SECONDS);
    IdentityService.SignedIn signedIn = identity.signIn("village-clerk", "ridge-tea-harvest-2026", "127.0.0.1")
        .await(30, TimeUnit.SECONDS);

    assertThat(signedIn.principal().userId()).isEqualTo(created.userId());
    assertThat(signedIn.token()).isNotNull();
    assertThat(seen).as("one hash when created, one check at sign-in").hasSize(2);
    assertThat(seen).allSatisfy(moment -> assertThat(moment)
        .startsWith("connections in use: 0 reads, 0 transactions; thread ledger-password-hashing"));
  }

  @Test
  void a_wrong_password_is_refused_after_a_check_made_without_a_connection() throws Exception {
    identity.createUser("county-auditor", "plum-river-terrace-77", Role.REGULATOR, "4501").await(30, TimeUnit.SECONDS);
    seen.clear();

    assertThatThrownBy(() -> identity.signIn("county-auditor", "plum-river-terrace-78", "127.0.0.1")
        .await(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(401));
    assertThat(seen).singleElement().asString()
        .startsWith("connections in use: 0 reads, 0 transactions; thread ledger-password-hashing");
  }

  /** The real strategy, noting the pools' busy connections and the thread whenever it hashes or verifies. */
  private record Observed(HashingStrategy real) implements HashingStrategy {
    private void note() {
      seen.add("connections in use: " + active(database.dataSource()) + " reads, "
          + active(database.transactionDataSource()) + " transactions; thread " + Thread.currentThread().getName());
    }

    private static int active(javax.sql.DataSource pool) {
      try {
        // unwrapped: on MariaDB 10.x the pool is behind FractionalSeconds' proxy (issue 19 point 1)
        return pool.unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String hash(String id, Map<String, String> params, String salt, String password) {
      if (database != null) {
        note();
      }
      return real.hash(id, params, salt, password);
    }

    @Override
    public boolean verify(String hash, String password) {
      note();
      return real.verify(hash, password);
    }

    @Override
    public HashingAlgorithm get(String id) {
      return real.get(id);
    }

    @Override
    public HashingStrategy put(String id, HashingAlgorithm algorithm) {
      real.put(id, algorithm);
      return this;
    }
  }
}
