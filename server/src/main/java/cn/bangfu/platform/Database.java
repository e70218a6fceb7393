package cn.bangfu.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The one door to SQL. HikariCP holds the connections (chosen over Agroal/DBCP: the fastest, most
 * widely run JDBC pool, with Micrometer metrics built in); a Vert.x worker executor of the same size
 * runs every JDBC call, so a query never blocks an event loop and never waits for a connection
 * while holding a worker thread.
 *
 * <p>Two pools: transactions take connections that stay out of autocommit, so a transaction is its
 * statements and a COMMIT (toggling autocommit around each one cost two more round trips, a third
 * of an order placement's); reads take autocommit connections, one round trip per statement.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final HikariDataSource transactionSource;
  private final DSLContext dsl;
  private final DSLContext transactionDsl;
  private final WorkerExecutor worker;

  private Database(HikariDataSource dataSource, HikariDataSource transactionSource, WorkerExecutor worker) {
    this.dataSource = dataSource;
    this.transactionSource = transactionSource;
    this.worker = worker;
    this.dsl = using(dataSource);
    this.transactionDsl = using(transactionSource);
  }

  private static DSLContext using(javax.sql.DataSource source) {
    Configuration configuration = new DefaultConfiguration()
        .set(source)
        .set(SQLDialect.MYSQL)
        .set(new Settings().withRenderSchema(false).withExecuteLogging(false).withFetchWarnings(false));
    return DSL.using(configuration);
  }

  public static Database connect(Vertx vertx, String jdbcUrl, String user, String password, int poolSize,
      MeterRegistry registry) {
    HikariDataSource reads = pool(jdbcUrl, user, password, poolSize, registry, "ledger-db", true);
    HikariDataSource transactions = pool(jdbcUrl, user, password, poolSize, registry, "ledger-db-tx", false);
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("ledger-db-worker", poolSize);
    return new Database(reads, transactions, worker);
  }

  private static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize,
      MeterRegistry registry, String name, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withDriverDefaults(jdbcUrl));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(4, poolSize));
    config.setPoolName(name);
    config.setConnectionTimeout(10_000);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setAutoCommit(autoCommit);
    if (registry != null) {
      config.setMetricRegistry(registry);
    }
    return new HikariDataSource(config);
  }

  /**
   * Driver settings the service relies on, each added only where the operator's URL does not set it,
   * so an operator's choice always wins. Nothing about transport security is added: TLS settings
   * (sslMode, useSSL, allowPublicKeyRetrieval, trust stores) are the operator's, and a production URL
   * keeps certificate checks on; only the embedded database's URL turns them off (see
   * {@link EmbeddedDatabase#jdbcUrl}), because it listens on 127.0.0.1 with a generated account.
   */
  private static final java.util.Map<String, String> DRIVER_DEFAULTS = driverDefaults();

  private static java.util.Map<String, String> driverDefaults() {
    java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
    // server-side prepared statements off, batched statements rewritten: the fast path for bulk inserts
    defaults.put("rewriteBatchedStatements", "true");
    defaults.put("useServerPrepStmts", "false");
    defaults.put("cachePrepStmts", "true");
    defaults.put("characterEncoding", "UTF-8");
    defaults.put("connectionTimeZone", "UTC");
    defaults.put("forceConnectionTimeZoneToSession", "true");
    defaults.put("preserveInstants", "false");
    // autocommit and isolation are tracked on the client: no round trip per transaction to ask or reset them
    defaults.put("useLocalSessionState", "true");
    defaults.put("useLocalTransactionState", "true");
    defaults.put("cacheServerConfiguration", "true");
    defaults.put("maintainTimeStats", "false");
    // parsed statements cached per connection, also the long INSERTs of whole records (default limit: 256 chars)
    defaults.put("prepStmtCacheSize", "250");
    defaults.put("prepStmtCacheSqlLimit", "4096");
    return java.util.Collections.unmodifiableMap(defaults);
  }

  /** {@code url} with the {@link #DRIVER_DEFAULTS} it does not set itself appended; what it sets is kept as written. */
  static String withDriverDefaults(String url) {
    int query = url.indexOf('?');
    java.util.Set<String> given = new java.util.HashSet<>();
    if (query >= 0) {
      for (String pair : url.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        // Connector/J matches property names without regard to case
        given.add((equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(java.util.Locale.ROOT));
      }
    }
    StringBuilder out = new StringBuilder(url);
    char separator = query >= 0 ? '&' : '?';
    if (query >= 0 && (url.endsWith("?") || url.endsWith("&"))) {
      separator = 0;
    }
    for (java.util.Map.Entry<String, String> setting : DRIVER_DEFAULTS.entrySet()) {
      if (!given.contains(setting.getKey().toLowerCase(java.util.Locale.ROOT))) {
        if (separator != 0) {
          out.append(separator);
        }
        out.append(setting.getKey()).append('=').append(setting.getValue());
        separator = '&';
      }
    }
    return out.toString();
  }

  public void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** Runs {@code work} in one transaction on the worker pool: all of it commits or none of it. */
  public <T> Future<T> tx(Function<DSLContext, T> work) {
    return worker.executeBlocking(
        () -> transactionDsl.transactionResult(configuration -> work.apply(configuration.dsl())), false);
  }

  /** Runs a read (or a single auto-committed statement) on the worker pool. */
  public <T> Future<T> read(Function<DSLContext, T> work) {
    return worker.executeBlocking(() -> work.apply(dsl), false);
  }

  /** For code that is already on a worker thread (start-up, demo data, benchmarks). */
  public DSLContext dsl() {
    return dsl;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /** The transactions' pool (connections out of autocommit): for benchmarks that replay the server's statements. */
  public javax.sql.DataSource transactionDataSource() {
    return transactionSource;
  }

  @Override
  public void close() {
    worker.close();
    transactionSource.close();
    dataSource.close();
  }
}
