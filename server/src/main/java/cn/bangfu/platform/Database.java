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
    SQLDialect dialect = detectDialect(dataSource);
    this.dsl = using(dataSource, dialect);
    this.transactionDsl = using(transactionSource, dialect);
  }

  private static DSLContext using(javax.sql.DataSource source, SQLDialect dialect) {
    Configuration configuration = new DefaultConfiguration()
        .set(source)
        .set(dialect)
        .set(new Settings().withRenderSchema(false).withExecuteLogging(false).withFetchWarnings(false));
    return DSL.using(configuration);
  }

  /**
   * Asks the server once at start which SQL it speaks: MariaDB and MySQL part ways on upserts
   * (MySQL 8 wants {@code INSERT ... AS t ON DUPLICATE KEY UPDATE}, MariaDB only knows {@code VALUES()}),
   * window and JSON functions, so jOOQ must render for the one actually behind the URL.
   */
  private static SQLDialect detectDialect(javax.sql.DataSource source) {
    try (java.sql.Connection connection = source.getConnection()) {
      return dialectOf(connection.getMetaData().getDatabaseProductVersion());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read the database server's version", e);
    }
  }

  /**
   * The jOOQ dialect for a server version string. MariaDB names itself in it, behind MySQL's
   * "5.5.5-" replication prefix up to 10.x ({@code 5.5.5-10.11.8-MariaDB}) and without it from 11
   * ({@code 11.4.5-MariaDB-log}); anything else is MySQL.
   */
  public static SQLDialect dialectOf(String serverVersion) {
    return serverVersion != null && serverVersion.toLowerCase(java.util.Locale.ROOT).contains("mariadb")
        ? SQLDialect.MARIADB : SQLDialect.MYSQL;
  }

  /** The dialect detected at start, as the repositories' queries are rendered in. */
  public SQLDialect dialect() {
    return dsl.dialect();
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

  /** Server-side prepared statements off, batched statements rewritten: the fast path for bulk inserts. */
  private static String withDriverDefaults(String url) {
    String separator = url.contains("?") ? "&" : "?";
    return url + separator + "rewriteBatchedStatements=true&useServerPrepStmts=false&cachePrepStmts=true"
        + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&preserveInstants=false"
        + "&allowPublicKeyRetrieval=true&useSSL=false"
        // autocommit and isolation are tracked on the client: no round trip per transaction to ask or reset them
        + "&useLocalSessionState=true&useLocalTransactionState=true&cacheServerConfiguration=true"
        + "&maintainTimeStats=false"
        // parsed statements cached per connection, also the long INSERTs of whole records (default limit: 256 chars)
        + "&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096";
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
