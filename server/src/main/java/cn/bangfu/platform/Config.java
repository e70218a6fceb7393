package cn.bangfu.platform;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server reads from its environment, in one place (README's configuration table
 * mirrors this record), plus the clock business time is read from. Tests and benchmarks build it
 * with {@link #builder()} instead of mutating the process environment; the builder starts from the
 * same defaults as {@link #fromEnvironment} with an empty environment.
 */
public record Config(
    int httpPort,
    Path dataDir,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Optional<String> adminPassword,
    Optional<String> masterKey,
    int tokenTtlSeconds,
    int minPublicityDays,
    long maxBodyBytes,
    boolean demo,
    SchemaMigration schemaMigration,
    Clock clock,
    Optional<String> publicBaseUrl,
    int dailyCheckMinutes) {

  public Config {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(adminPassword, "adminPassword");
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(schemaMigration, "schemaMigration");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
  }

  public static Config fromEnvironment(Map<String, String> env, boolean demo) {
    return builder()
        .httpPort(intOf(env, "LEDGER_HTTP_PORT", 8080))
        .dataDir(Path.of(env.getOrDefault("LEDGER_DATA_DIR", "./data")))
        .dbUrl(env.get("LEDGER_DB_URL"))
        .dbUser(env.getOrDefault("LEDGER_DB_USER", "root"))
        .dbPassword(env.getOrDefault("LEDGER_DB_PASSWORD", ""))
        .dbPoolSize(intOf(env, "LEDGER_DB_POOL_SIZE", 16))
        .adminPassword(env.get("LEDGER_ADMIN_PASSWORD"))
        .masterKey(env.get("LEDGER_MASTER_KEY"))
        .tokenTtlSeconds(intOf(env, "LEDGER_TOKEN_TTL_SECONDS", 8 * 3600))
        .minPublicityDays(intOf(env, "LEDGER_MIN_PUBLICITY_DAYS", 7))
        .maxBodyBytes(intOf(env, "LEDGER_MAX_BODY_BYTES", 1024 * 1024))
        .demo(demo || "true".equalsIgnoreCase(env.get("LEDGER_DEMO")))
        .schemaMigration(SchemaMigration.parse(env.get("LEDGER_DB_MIGRATE")))
        .publicBaseUrl(env.get("LEDGER_PUBLIC_BASE_URL"))
        .dailyCheckMinutes(intOf(env, "LEDGER_MONITORING_DAILY_CHECK_MINUTES", 10))
        .build();
  }

  /** A builder with the defaults of {@link #fromEnvironment} (port 8080, ./data, embedded database, system clock…). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to change a few. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public Config withHttpPort(int port) {
    return toBuilder().httpPort(port).build();
  }

  public Config withTokenTtlSeconds(int seconds) {
    return toBuilder().tokenTtlSeconds(seconds).build();
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static int intOf(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }

  /** Builds a {@link Config}; each setter names the environment variable it stands for. */
  public static final class Builder {
    private int httpPort = 8080;
    private Path dataDir = Path.of("./data").toAbsolutePath().normalize();
    private Optional<String> dbUrl = Optional.empty();
    private String dbUser = "root";
    private String dbPassword = "";
    private int dbPoolSize = 16;
    private Optional<String> adminPassword = Optional.empty();
    private Optional<String> masterKey = Optional.empty();
    private int tokenTtlSeconds = 8 * 3600;
    private int minPublicityDays = 7;
    private long maxBodyBytes = 1024 * 1024;
    private boolean demo;
    private SchemaMigration schemaMigration = SchemaMigration.AUTO;
    private Clock clock = Clock.systemUTC();
    private Optional<String> publicBaseUrl = Optional.empty();
    /** Off unless set: tests run the daily evaluation by calling it; fromEnvironment turns it on (10). */
    private int dailyCheckMinutes;

    private Builder() {
    }

    private Builder(Config c) {
      httpPort = c.httpPort;
      dataDir = c.dataDir;
      dbUrl = c.dbUrl;
      dbUser = c.dbUser;
      dbPassword = c.dbPassword;
      dbPoolSize = c.dbPoolSize;
      adminPassword = c.adminPassword;
      masterKey = c.masterKey;
      tokenTtlSeconds = c.tokenTtlSeconds;
      minPublicityDays = c.minPublicityDays;
      maxBodyBytes = c.maxBodyBytes;
      demo = c.demo;
      schemaMigration = c.schemaMigration;
      clock = c.clock;
      publicBaseUrl = c.publicBaseUrl;
      dailyCheckMinutes = c.dailyCheckMinutes;
    }

    /**
     * LEDGER_MONITORING_DAILY_CHECK_MINUTES: how often each instance checks whether today's monitoring
     * evaluation has run (it runs once a business day on one instance); 0 never.
     */
    public Builder dailyCheckMinutes(int minutes) {
      if (minutes < 0 || minutes > 1440) {
        throw new IllegalArgumentException("LEDGER_MONITORING_DAILY_CHECK_MINUTES must be 0 to 1440, got " + minutes);
      }
      this.dailyCheckMinutes = minutes;
      return this;
    }

    /** LEDGER_HTTP_PORT; 0 picks a free port. */
    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /** LEDGER_DATA_DIR, made absolute. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir.toAbsolutePath().normalize();
      return this;
    }

    /** LEDGER_DB_URL; null or blank: the embedded database. */
    public Builder dbUrl(String url) {
      this.dbUrl = nonBlank(url);
      return this;
    }

    /** LEDGER_DB_USER. */
    public Builder dbUser(String user) {
      this.dbUser = user;
      return this;
    }

    /** LEDGER_DB_PASSWORD. */
    public Builder dbPassword(String password) {
      this.dbPassword = password;
      return this;
    }

    /** LEDGER_DB_POOL_SIZE. */
    public Builder dbPoolSize(int size) {
      this.dbPoolSize = size;
      return this;
    }

    /** LEDGER_ADMIN_PASSWORD; null or blank: a random one, printed once. */
    public Builder adminPassword(String password) {
      this.adminPassword = nonBlank(password);
      return this;
    }

    /** LEDGER_MASTER_KEY; null or blank: the key in the data directory. */
    public Builder masterKey(String key) {
      this.masterKey = nonBlank(key);
      return this;
    }

    /** LEDGER_TOKEN_TTL_SECONDS. */
    public Builder tokenTtlSeconds(int seconds) {
      this.tokenTtlSeconds = seconds;
      return this;
    }

    /** LEDGER_MIN_PUBLICITY_DAYS. */
    public Builder minPublicityDays(int days) {
      this.minPublicityDays = days;
      return this;
    }

    /** LEDGER_MAX_BODY_BYTES. */
    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** LEDGER_DEMO or --demo. */
    public Builder demo(boolean demo) {
      this.demo = demo;
      return this;
    }

    /** LEDGER_DB_MIGRATE: whether this instance migrates the schema or waits for it (issue 19 point 3). */
    public Builder schemaMigration(SchemaMigration migration) {
      this.schemaMigration = migration;
      return this;
    }

    /** The clock business time is read from (not an environment setting: tests pass one they advance). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * LEDGER_PUBLIC_BASE_URL, e.g. {@code https://bangfu.example.cn}: the address people reach the server
     * at, written into the public notice's QR code. Null or blank: taken from each request (Host and
     * X-Forwarded-* headers), which is right whenever the server or its proxy is reached directly.
     */
    public Builder publicBaseUrl(String url) {
      Optional<String> value = nonBlank(url);
      if (value.isPresent() && !value.get().strip().matches("https?://[^/?#\\s]+/?")) {
        throw new IllegalArgumentException(
            "LEDGER_PUBLIC_BASE_URL must be http(s)://host[:port] without a path, got '" + url + "'");
      }
      this.publicBaseUrl = value.map(v -> v.strip().replaceFirst("/$", ""));
      return this;
    }

    public Config build() {
      return new Config(httpPort, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, adminPassword, masterKey,
          tokenTtlSeconds, minPublicityDays, maxBodyBytes, demo, schemaMigration, clock, publicBaseUrl,
          dailyCheckMinutes);
    }
  }
}
