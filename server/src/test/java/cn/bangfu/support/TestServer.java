package cn.bangfu.support;

import cn.bangfu.LedgerServer;
import cn.bangfu.platform.Config;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** A real server on a fresh database and a random port, signed in as admin, for one test class. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private final LedgerServer server;
  private final String jdbcUrl;
  private final String masterKey;
  public final Http http;
  public final String adminToken;

  private TestServer(String jdbcUrl, String masterKey, int tokenTtlSeconds) {
    this(jdbcUrl, masterKey, config(jdbcUrl, masterKey, tokenTtlSeconds));
  }

  private TestServer(String jdbcUrl, String masterKey, Config config) {
    this.jdbcUrl = jdbcUrl;
    this.masterKey = masterKey;
    this.server = new LedgerServer(config).start();
    this.http = new Http(server.port());
    this.adminToken = http.login("admin", ADMIN_PASSWORD);
  }

  public static TestServer start() {
    return new TestServer(TestDatabase.freshDatabase(), randomKey(), 3600);
  }

  /** Another instance on the same database and key: what a load balancer would put beside this one. */
  public TestServer secondInstance() {
    return new TestServer(jdbcUrl, masterKey, 3600);
  }

  /** A server on a fresh database whose shortest publicity is {@code minPublicityDays} (0: over the day it starts). */
  public static TestServer startWithMinPublicityDays(int minPublicityDays) {
    String jdbcUrl = TestDatabase.freshDatabase();
    String key = randomKey();
    return new TestServer(jdbcUrl, key, config(jdbcUrl, key, 3600, minPublicityDays));
  }

  public static Config config(String jdbcUrl, String masterKey, int tokenTtlSeconds) {
    return config(jdbcUrl, masterKey, tokenTtlSeconds, 7);
  }

  private static Config config(String jdbcUrl, String masterKey, int tokenTtlSeconds, int minPublicityDays) {
    try {
      Path dataDir = Files.createTempDirectory("ledger-test");
      return new Config(0, dataDir, Optional.of(TestDatabase.serverUrl(jdbcUrl)), TestDatabase.user(), TestDatabase.password(), 8,
          Optional.of(ADMIN_PASSWORD), Optional.of(masterKey), tokenTtlSeconds, minPublicityDays, 64 * 1024, false);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A benchmark's server on {@code jdbcUrl}: {@code poolSize} connections, 1 MB request bodies,
   * hour-long tokens, admin password {@link #ADMIN_PASSWORD}.
   */
  public static LedgerServer startForBenchmark(String jdbcUrl, int poolSize) throws java.io.IOException {
    Config config = new Config(0, Files.createTempDirectory("ledger-bench"), Optional.of(TestDatabase.serverUrl(jdbcUrl)), TestDatabase.user(),
        TestDatabase.password(), poolSize, Optional.of(ADMIN_PASSWORD), Optional.of(randomKey()), 3600, 7,
        1024 * 1024, false);
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
