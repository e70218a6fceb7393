package cn.bangfu.support;

import cn.bangfu.LedgerServer;
import cn.bangfu.platform.Config;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** A real server on a fresh database and a random port, signed in as admin, for one test class. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private final LedgerServer server;
  private final String jdbcUrl;
  private final String masterKey;
  /** Business time of this database's servers: shared with {@link #secondInstance()}, advanced by tests. */
  private final MutableClock clock;
  public final Http http;
  public final String adminToken;

  private TestServer(String jdbcUrl, String masterKey, MutableClock clock, int tokenTtlSeconds) {
    this(jdbcUrl, masterKey, clock, config(jdbcUrl, masterKey, tokenTtlSeconds).clock(clock).build());
  }

  private TestServer(String jdbcUrl, String masterKey, MutableClock clock, Config config) {
    this.jdbcUrl = jdbcUrl;
    this.masterKey = masterKey;
    this.clock = clock;
    this.server = new LedgerServer(config).start();
    this.http = new Http(server.port());
    this.adminToken = http.login("admin", ADMIN_PASSWORD);
  }

  public static TestServer start() {
    return new TestServer(TestDatabase.freshDatabase(), randomKey(), new MutableClock(), 3600);
  }

  /** Another instance on the same database and key: what a load balancer would put beside this one. */
  public TestServer secondInstance() {
    return new TestServer(jdbcUrl, masterKey, clock, 3600);
  }

  /** A server on a fresh database whose shortest publicity is {@code minPublicityDays} (0: over the day it starts). */
  public static TestServer startWithMinPublicityDays(int minPublicityDays) {
    String jdbcUrl = TestDatabase.freshDatabase();
    String key = randomKey();
    MutableClock clock = new MutableClock();
    return new TestServer(jdbcUrl, key, clock, config(jdbcUrl, key, 3600, minPublicityDays).clock(clock).build());
  }

  /**
   * A test server's configuration on {@code jdbcUrl}: a free port, a temporary data directory, 8
   * connections, 64 KB bodies, admin password {@link #ADMIN_PASSWORD}; add {@code .clock(…)} or
   * anything else, then {@code build()}.
   */
  public static Config.Builder config(String jdbcUrl, String masterKey, int tokenTtlSeconds) {
    return config(jdbcUrl, masterKey, tokenTtlSeconds, 7);
  }

  private static Config.Builder config(String jdbcUrl, String masterKey, int tokenTtlSeconds, int minPublicityDays) {
    return database(jdbcUrl, "ledger-test").dbPoolSize(8).adminPassword(ADMIN_PASSWORD).masterKey(masterKey)
        .tokenTtlSeconds(tokenTtlSeconds).minPublicityDays(minPublicityDays).maxBodyBytes(64 * 1024);
  }

  /** Port 0, a fresh temporary data directory named {@code prefix…}, the test database's account on {@code jdbcUrl}. */
  public static Config.Builder database(String jdbcUrl, String prefix) {
    try {
      return Config.builder().httpPort(0).dataDir(Files.createTempDirectory(prefix)).dbUrl(TestDatabase.serverUrl(jdbcUrl))
          .dbUser(TestDatabase.user()).dbPassword(TestDatabase.password());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A benchmark's server on {@code jdbcUrl}: {@code poolSize} connections, 1 MB request bodies,
   * hour-long tokens, admin password {@link #ADMIN_PASSWORD}.
   */
  public static LedgerServer startForBenchmark(String jdbcUrl, int poolSize) throws java.io.IOException {
    return startForBenchmark(jdbcUrl, poolSize, new MutableClock());
  }

  /** As above, on {@code clock}: a benchmark that lets a 公示 period end advances it. */
  public static LedgerServer startForBenchmark(String jdbcUrl, int poolSize, MutableClock clock) {
    Config config = database(jdbcUrl, "ledger-bench").dbPoolSize(poolSize).adminPassword(ADMIN_PASSWORD)
        .masterKey(randomKey()).tokenTtlSeconds(3600).clock(clock).build();
    return new LedgerServer(config).start();
  }

  public static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  public LedgerServer server() {
    return server;
  }

  /** The test clock a server from {@link #startForBenchmark} (or any built on a MutableClock) runs on. */
  public static MutableClock clockOf(LedgerServer server) {
    if (server.clock().clock() instanceof MutableClock clock) {
      return clock;
    }
    throw new IllegalStateException("this server runs on " + server.clock().clock() + ", not a test clock");
  }

  /** The business clock this server and its {@link #secondInstance()} read; advance it to let days pass. */
  public MutableClock clock() {
    return clock;
  }

  /** Today in Beijing by this server's business clock. */
  public LocalDate today() {
    return server.clock().today();
  }

  /**
   * Lets business days pass until {@code day} is over (today is the day after it, or later): how a
   * 公示 period ending on {@code day} ends, with no rows rewritten.
   */
  public void passDaysUntilAfter(LocalDate day) {
    LocalDate today = today();
    if (!today.isAfter(day)) {
      clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(today, day) + 1));
    }
  }

  /** Lets the 公示 of run {@code runId} end (read as {@code token}): see {@link #passDaysUntilAfter}. */
  public void endPublicity(String runId, String token) {
    JsonObject run = http.get("/api/v1/distributions/" + runId, token).expect(200).body();
    passDaysUntilAfter(LocalDate.parse(run.getString("publicityEnd")));
  }

  public String masterKey() {
    return masterKey;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** Creates a user of {@code role} for {@code scopeId} and returns its token. */
  public String userToken(String username, String role, String scopeId) {
    JsonObject body = new JsonObject().put("username", username).put("password", "password-" + username)
        .put("role", role).put("scopeId", scopeId);
    Http.Response created = http.post("/api/v1/users", adminToken, body);
    if (created.status() != 201) {
      throw new IllegalStateException("could not create user " + username + ": " + created.body());
    }
    return http.login(username, "password-" + username);
  }

  @Override
  public void close() {
    server.stop();
    http.close();
  }
}
