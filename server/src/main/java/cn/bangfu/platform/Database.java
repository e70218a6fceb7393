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
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final WorkerExecutor worker;

  private Database(HikariDataSource dataSource, WorkerExecutor worker) {
    this.dataSource = dataSource;
    this.worker = worker;
    Configuration configuration = new DefaultConfiguration()
        .set(dataSource)
        .set(SQLDialect.MYSQL)
        .set(new Settings().withRenderSchema(false).withExecuteLogging(false).withFetchWarnings(false));
    this.dsl = DSL.using(configuration);
  }

  public static Database connect(Vertx vertx, String jdbcUrl, String user, String password, int poolSize,
      MeterRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withDriverDefaults(jdbcUrl));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(4, poolSize));
    config.setPoolName("ledger-db");
    config.setConnectionTimeout(10_000);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    if (registry != null) {
      config.setMetricRegistry(registry);
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("ledger-db-worker", poolSize);
    return new Database(dataSource, worker);
  }

  /** Server-side prepared statements off, batched statements rewritten: the fast path for bulk inserts. */
  private static String withDriverDefaults(String url) {
    String separator = url.contains("?") ? "&" : "?";
    return url + separator + "rewriteBatchedStatements=true&useServerPrepStmts=false&cachePrepStmts=true"
        + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&preserveInstants=false"
        + "&allowPublicKeyRetrieval=true&useSSL=false"
        // autocommit and isolation are tracked on the client: no round trip per transaction to ask or reset them
        + "&useLocalSessionState=true&useLocalTransactionState=true&cacheServerConfiguration=true"
        + "&maintainTimeStats=false";
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
    return worker.executeBlocking(() -> dsl.transactionResult(configuration -> work.apply(configuration.dsl())), false);
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

  @Override
  public void close() {
    worker.close();
    dataSource.close();
  }
}
