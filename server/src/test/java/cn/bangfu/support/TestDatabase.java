package cn.bangfu.support;

import cn.bangfu.platform.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real database the tests talk to: LEDGER_DB_URL when set (a MySQL 8 / MariaDB server), else
 * one embedded MariaDB per test JVM. Each test class gets its own fresh database on it, so classes
 * never see each other's rows.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static String serverUrl;
  private static String user;
  private static String password;

  private TestDatabase() {
  }

  private static synchronized void ensureServer() {
    if (serverUrl != null) {
      return;
    }
    String external = System.getenv("LEDGER_DB_URL");
    if (external != null && !external.isBlank()) {
      serverUrl = external.replaceAll("/[^/?]*(\\?.*)?$", "/");
      user = System.getenv().getOrDefault("LEDGER_DB_USER", "root");
      password = System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "");
      return;
    }
    Path dataDir = Path.of(System.getProperty("ledger.test.dataDir", "target/test-db"));
    deleteRecursively(dataDir);
    EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir);
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-db-stop"));
    serverUrl = "jdbc:mysql://127.0.0.1:" + embedded.port() + "/";
    // the embedded database's own account: it may create the ledger_t* databases each class uses
    user = embedded.user();
    password = embedded.password();
  }

  /** A new, empty database; returns its JDBC URL. */
  public static String freshDatabase() {
    ensureServer();
    String name = "ledger_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(serverUrl + "?allowPublicKeyRetrieval=true&useSSL=false", user, password);
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return serverUrl + name;
  }

  /**
   * {@code jdbcUrl} as a server is configured with it (its LEDGER_DB_URL). The server now uses an
   * operator's URL as written (issue 18, point 8), so the tests write what an operator of this local
   * database would: TLS off on loopback, as the server's own embedded database does. Without it the
   * driver would negotiate TLS with MariaDB's self-signed certificate, slower and unlike production or
   * the embedded mode. An external test database (LEDGER_DB_URL) gets nothing added.
   */
  public static String serverUrl(String jdbcUrl) {
    ensureServer();
    return System.getenv("LEDGER_DB_URL") != null && !System.getenv("LEDGER_DB_URL").isBlank() ? jdbcUrl
        : jdbcUrl + "?useSSL=false&allowPublicKeyRetrieval=true";
  }

  public static String user() {
    ensureServer();
    return user;
  }

  public static String password() {
    ensureServer();
    return password;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
