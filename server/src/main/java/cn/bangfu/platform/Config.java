package cn.bangfu.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, in one place (README's configuration table
 * mirrors this record). Tests build it directly instead of mutating the process environment.
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
    boolean demo) {

  public static Config fromEnvironment(Map<String, String> env, boolean demo) {
    return new Config(
        intOf(env, "LEDGER_HTTP_PORT", 8080),
        Path.of(env.getOrDefault("LEDGER_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        nonBlank(env.get("LEDGER_DB_URL")),
        env.getOrDefault("LEDGER_DB_USER", "root"),
        env.getOrDefault("LEDGER_DB_PASSWORD", ""),
        intOf(env, "LEDGER_DB_POOL_SIZE", 16),
        nonBlank(env.get("LEDGER_ADMIN_PASSWORD")),
        nonBlank(env.get("LEDGER_MASTER_KEY")),
        intOf(env, "LEDGER_TOKEN_TTL_SECONDS", 8 * 3600),
        intOf(env, "LEDGER_MIN_PUBLICITY_DAYS", 7),
        intOf(env, "LEDGER_MAX_BODY_BYTES", 1024 * 1024),
        demo || "true".equalsIgnoreCase(env.get("LEDGER_DEMO")));
  }

  public Config withHttpPort(int port) {
    return new Config(port, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, adminPassword, masterKey,
        tokenTtlSeconds, minPublicityDays, maxBodyBytes, demo);
  }

  public Config withTokenTtlSeconds(int seconds) {
    return new Config(httpPort, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, adminPassword, masterKey,
        seconds, minPublicityDays, maxBodyBytes, demo);
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
}
