package cn.bangfu.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
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
 *
 * <p>A transaction InnoDB chose as a deadlock victim (error 1213, SQLState 40001) is run again
 * (issue 18 point 9) with jittered backoff for up to {@link #RETRY_BUDGET}; when that runs out the
 * caller gets a 503 with Retry-After rather than a 500.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource readPool;
  private final HikariDataSource transactionPool;
  private final javax.sql.DataSource dataSource;
  private final javax.sql.DataSource transactionSource;
  private final DSLContext dsl;
  private final DSLContext transactionDsl;
  /**
   * How long one transaction may spend backing off between its attempts. A budget of time rather than
   * of attempts (bounded all the same: the pauses grow to {@link #MAX_BACKOFF_MS}, so 25 to 45 attempts): on one server a deadlock needs two transactions taking the same rows in
   * opposite order and the second attempt nearly always passes, but on a Galera cluster every
   * transaction writing a hot row (a lot in an order race) from another node at the same moment fails
   * certification, and the number of attempts that takes depends on how many clients race, not on
   * anything the server knows. Ten attempts (two seconds) still left 7 of 200 racers with a 503
   * (issue 19, scripts/galera/suite.sh); ten seconds is what a client waits for an order anyway. Only
   * the pauses count, not the attempts themselves: at a node's death every COMMIT in the cluster waits
   * some six seconds for the survivors to agree it is gone (evs.suspect_timeout), and a budget of elapsed
   * time counted that wait as conflict and left one order of 200 a 503; likewise an attempt that waited
   * long for a lock (40 s at TransactionRetryTest's barrier on a loaded machine) still gets its retries. A
   * constant rather than a Config field, so the Config record stays as it is (issue 18 point 1).
   */
  static final java.time.Duration RETRY_BUDGET = java.time.Duration.ofSeconds(10);
  /** First backoff; doubled each attempt up to {@link #MAX_BACKOFF_MS} and jittered, so the victims of a cycle do not meet again. */
  private static final long BASE_BACKOFF_MS = 5;
  /** Longest backoff: a conflict on a hot row is over within a few commits, so no attempt waits longer. */
  private static final long MAX_BACKOFF_MS = 500;
  /** What a client whose transaction never got through is told to wait (Retry-After). */
  static final long RETRY_AFTER_SECONDS = 1;

  private final WorkerExecutor worker;
  private final Counter retries;
  private final Counter exhausted;
  private final io.micrometer.core.instrument.DistributionSummary attemptsOfRetried;
  private final Counter lostCommits;
  /** {@link #RETRY_BUDGET} in nanoseconds; shorter only in tests of the budget running out. */
  private volatile long retryBudgetNanos = RETRY_BUDGET.toNanos();
  /** How a transaction's COMMIT is sent; tests replace it to lose the answer to a COMMIT. */
  private volatile Committer committer = java.sql.Connection::commit;

  private Database(HikariDataSource readPool, HikariDataSource transactionPool, WorkerExecutor worker,
      MeterRegistry registry) {
    this.readPool = readPool;
    this.transactionPool = transactionPool;
    // a server the driver takes for MySQL 5.5 (MariaDB 10.x) would lose every time's milliseconds (issue 19 point 1)
    boolean timesAsText = !FractionalSeconds.keepsMillis(readPool);
    this.dataSource = timesAsText ? FractionalSeconds.bindingTimesAsText(readPool) : readPool;
    this.transactionSource = timesAsText ? FractionalSeconds.bindingTimesAsText(transactionPool) : transactionPool;
    this.worker = worker;
    // registered now, so /metrics shows them at 0 before the first retry
    MeterRegistry meters = registry != null ? registry : new SimpleMeterRegistry();
    this.retries = Counter.builder("ledger.tx.retries")
        .description("Transactions run again after a deadlock or serialization failure")
        .register(meters);
    this.exhausted = Counter.builder("ledger.tx.retries.exhausted")
        .description("Transactions still failing when their retry budget of " + RETRY_BUDGET.toSeconds()
            + " s ran out (answered 503)")
        .register(meters);
    this.lostCommits = Counter.builder("ledger.tx.lost.commits")
        .description("COMMITs whose answer was lost with the connection, resolved by running the guarded work again")
        .register(meters);
    this.attemptsOfRetried = io.micrometer.core.instrument.DistributionSummary.builder("ledger.tx.attempts")
        .description("Attempts a transaction that needed more than one took (max: the most any took)")
        .register(meters);
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
    return connect(vertx, jdbcUrl, user, password, poolSize, registry, "ledger-db");
  }

  /** A database whose pools and worker threads are named {@code name…} (a second one beside the main). */
  public static Database connect(Vertx vertx, String jdbcUrl, String user, String password, int poolSize,
      MeterRegistry registry, String name) {
    HikariDataSource reads = pool(jdbcUrl, user, password, poolSize, registry, name, true);
    HikariDataSource transactions = pool(jdbcUrl, user, password, poolSize, registry, name + "-tx", false);
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(name + "-worker", poolSize);
    return new Database(reads, transactions, worker, registry);
  }

  private static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize,
      MeterRegistry registry, String name, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(autoCommit ? withReadDefaults(jdbcUrl) : withDriverDefaults(jdbcUrl));
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
    // a multi-host URL (jdbc:mysql://n1,n2,n3/ledger, a Galera cluster) fails over to the next node for
    // writes too: the driver would otherwise make every connection to a secondary read-only (issue 19 point 4)
    defaults.put("failOverReadOnly", "false");
    defaults.put("maintainTimeStats", "false");
    // parsed statements cached per connection, also the long INSERTs of whole records (default limit: 256 chars)
    defaults.put("prepStmtCacheSize", "250");
    defaults.put("prepStmtCacheSqlLimit", "4096");
    return java.util.Collections.unmodifiableMap(defaults);
  }

  /**
   * The read pool's URL: the same defaults, but server-side prepared statements. Reads are short
   * statements run over and over (a household page is five of them): parsed once per connection and
   * answered in the binary protocol, the province's household page served 1,654 instead of 1,319 pages/s
   * on two cores, p99 8.2 instead of 10.4 ms (wrk, 4 connections, issue 15). The transactions keep
   * client-side statements, whose batches the driver rewrites into multi-row INSERTs. A statement the
   * server cannot prepare (more than 65,535 parameters) falls back to a client-side one
   * (Connector/J's emulateUnsupportedPstmts, on by default).
   */
  static String withReadDefaults(String url) {
    return withDriverDefaults(url, READ_DEFAULTS);
  }

  private static final java.util.Map<String, String> READ_DEFAULTS = readDefaults();

  private static java.util.Map<String, String> readDefaults() {
    java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>(DRIVER_DEFAULTS);
    defaults.put("useServerPrepStmts", "true");
    return java.util.Collections.unmodifiableMap(defaults);
  }

  /** {@code url} with the {@link #DRIVER_DEFAULTS} it does not set itself appended; what it sets is kept as written. */
  static String withDriverDefaults(String url) {
    return withDriverDefaults(url, DRIVER_DEFAULTS);
  }

  private static String withDriverDefaults(String url, java.util.Map<String, String> defaults) {
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
    for (java.util.Map.Entry<String, String> setting : defaults.entrySet()) {
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
    flyway().migrate();
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load();
  }

  /** How long an instance that does not migrate waits for the one that does before it gives up. */
  public static final java.time.Duration SCHEMA_PATIENCE = java.time.Duration.ofMinutes(10);

  /**
   * Brings the schema to this build's version as {@code mode} says: migrates, or waits (at most
   * {@code patience}) for the designated migrator (issue 19 point 3). Returns whether it migrated.
   */
  public boolean prepareSchema(SchemaMigration mode, java.time.Duration patience) {
    if (mode.migratesOn(isGaleraNode())) {
      migrate();
      return true;
    }
    awaitSchema(patience);
    return false;
  }

  /**
   * Whether the server is a node of a Galera cluster (wsrep_on=ON). MySQL has no such variable and a
   * plain MariaDB says OFF: both are one server, where Flyway's lock is enough.
   */
  public boolean isGaleraNode() {
    return dsl.fetch("SHOW VARIABLES LIKE 'wsrep_on'").stream()
        .anyMatch(row -> "ON".equalsIgnoreCase(row.get(1, String.class)));
  }

  /**
   * Waits until every migration this build knows has been applied by someone else, reading Flyway's
   * history without taking its lock; a failed migration in the history or {@code patience} running out
   * stops the start with a message saying what to run.
   */
  public void awaitSchema(java.time.Duration patience) {
    Flyway flyway = flyway();
    long deadline = System.nanoTime() + patience.toNanos();
    long nextReport = 0;
    while (true) {
      org.flywaydb.core.api.MigrationInfoService info = flyway.info();
      for (org.flywaydb.core.api.MigrationInfo applied : info.applied()) {
        if (applied.getState().isFailed()) {
          throw new IllegalStateException("migration " + applied.getVersion() + " failed in the schema history: "
              + "repair the schema, then run `java -jar ledger-server.jar migrate` once");
        }
      }
      org.flywaydb.core.api.MigrationInfo[] pending = info.pending();
      if (pending.length == 0) {
        return;
      }
      String needed = pending[pending.length - 1].getVersion().toString();
      String current = info.current() == null ? "empty" : info.current().getVersion().toString();
      long now = System.nanoTime();
      if (now - deadline > 0) {
        throw new IllegalStateException("the schema is at version " + current + ", this build needs " + needed
            + " and does not migrate it itself (LEDGER_DB_MIGRATE=wait, or auto on a Galera node): run "
            + "`java -jar ledger-server.jar migrate` once, or start one instance with LEDGER_DB_MIGRATE=migrate");
      }
      if (now - nextReport >= 0) {
        LOG.info("waiting for the schema: at version {}, this build needs {}", current, needed);
        nextReport = now + 10_000_000_000L;
      }
      try {
        Thread.sleep(SCHEMA_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the schema", e);
      }
    }
  }

  /** How often a waiting instance reads the schema history: cheap, and a start is not worth hurrying more. */
  private static final long SCHEMA_POLL_MS = 500;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  /**
   * Runs {@code work} in one transaction on the worker pool: all of it commits or none of it.
   *
   * <p>{@code work} may run more than once: when InnoDB rolls the transaction back as a deadlock
   * victim it is run again from the start (for up to {@link #RETRY_BUDGET}). So everything it does
   * must be inside the transaction or be harmless to repeat: no HTTP calls, no in-memory state that
   * believes the transaction committed (caches of rows other transactions committed are fine, as
   * JournalPoster's chain-head guess and OrderService's buyers and lot terms are; after-commit work
   * belongs in the returned future's onSuccess). Every caller today is such a transaction.
   *
   * <p>Lock wait timeouts (1205) are not retried: the transaction already waited
   * innodb_lock_wait_timeout (50 s) and MariaDB rolled back only the statement, so a retry would keep
   * the client waiting minutes behind the same lock holder.
   */
  public <T> Future<T> tx(Function<DSLContext, T> work) {
    // the backoff sleeps on this worker thread, never on an event loop; the connection is back in the pool
    return worker.executeBlocking(() -> retrying(() -> inOneTransaction(work, false)), false);
  }

  /**
   * {@link #tx} for work that writes a unique key its own repeat would write too (the Idempotency-Key
   * record, {@link Idempotency}): when the connection is lost during the COMMIT, so nobody knows whether
   * it went through, the work is simply run again (issue 19, a node killed under load). If the first
   * COMMIT went through, the repeat fails on that key — at once where the first is already applied, or
   * at its own COMMIT, which Galera's certification then orders after the first — and the caller reads
   * what the first stored; if it did not, the repeat is the one that commits. Either way exactly one
   * commits, on one server as on a cluster, and the client gets an answer instead of a 503.
   */
  public <T> Future<T> guardedTx(Function<DSLContext, T> work) {
    return worker.executeBlocking(() -> retrying(() -> inOneTransaction(work, true)), false);
  }

  /**
   * {@code work} and a COMMIT on one connection. Kept apart from jOOQ's transactionResult so a lost
   * connection can be told apart by when it was lost (issue 19 point 4, a node killed under load):
   * before the COMMIT was sent nothing was committed (the server rolls back an open transaction
   * when its client goes), so the whole transaction is run again on a connection to a live node;
   * during the COMMIT the outcome is unknown, so the client is told to retry (503, and its
   * Idempotency-Key makes that safe) instead of the server guessing — unless the work is
   * {@code guarded} by a unique key, when running it again settles the question ({@link #guardedTx}).
   */
  private <T> T inOneTransaction(Function<DSLContext, T> work, boolean guarded) throws SQLException {
    java.sql.Connection open;
    try {
      open = transactionSource.getConnection();
    } catch (java.sql.SQLTransientConnectionException e) {
      // the pool already waited its connection timeout (10 s) for any node: not worth ten more
      throw Problem.unavailable("the database cannot be reached; try again", RETRY_AFTER_SECONDS);
    }
    try (java.sql.Connection connection = open) {
      T result;
      try {
        result = work.apply(transactionDsl.configuration()
            .derive(new org.jooq.impl.DefaultConnectionProvider(connection)).dsl());
      } catch (RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
      try {
        committer.commit(connection);
      } catch (SQLException e) {
        if (isConnectionLost(e) && guarded) {
          lostCommits.increment();
          throw e; // run again: its unique key tells whether this one went through
        }
        if (isConnectionLost(e)) {
          throw Problem.unavailable("the connection to the database was lost while committing: the change may or "
              + "may not have been saved; repeat the request (with the same Idempotency-Key)", RETRY_AFTER_SECONDS);
        }
        throw e;
      }
      return result;
    }
  }

  private static void rollbackQuietly(java.sql.Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the server has rolled the transaction back itself
    }
  }

  /** Sends a transaction's COMMIT on its connection. */
  @FunctionalInterface
  interface Committer {
    void commit(java.sql.Connection connection) throws SQLException;
  }

  /** Tests only: how COMMITs are sent from now on (to lose the answer to one). */
  void committer(Committer committer) {
    this.committer = committer;
  }

  /** Tests only: a shorter {@link #RETRY_BUDGET}. */
  void retryBudget(java.time.Duration budget) {
    this.retryBudgetNanos = budget.toNanos();
  }

  /** Work that may be run again: it commits all of its writes or none of them. */
  @FunctionalInterface
  public interface Repeatable<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work}, already on a worker thread and holding its own connection (the ledger's
   * account creator, issue 19 point 2), again when the server rolled it back as a deadlock victim or a
   * Galera certification failure: the same bound, backoff, metric and 503 as {@link #tx}.
   */
  public <T> T retrying(Repeatable<T> work) throws InterruptedException {
    long backedOffMs = 0; // only the pauses count against RETRY_BUDGET, not the attempts (see there)
    for (int attempt = 1; ; attempt++) {
      try {
        T result = work.run();
        if (attempt > 1) {
          attemptsOfRetried.record(attempt);
        }
        return result;
      } catch (RuntimeException | SQLException e) {
        if (!isDeadlock(e) && !isConnectionLost(e)) {
          if (e instanceof SQLException sql) {
            throw new IllegalStateException(sql.getMessage(), sql);
          }
          throw (RuntimeException) e;
        }
        long ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt - 1, 10));
        long pauseMs = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if ((backedOffMs + pauseMs) * 1_000_000 > retryBudgetNanos) {
          exhausted.increment();
          attemptsOfRetried.record(attempt);
          throw Problem.unavailable("the database could not complete the transaction because of conflicting "
              + "concurrent changes; try again", RETRY_AFTER_SECONDS);
        }
        retries.increment();
        backedOffMs += pauseMs;
        Thread.sleep(pauseMs);
      }
    }
  }

  /**
   * The connection failed (SQLState class 08: a node killed, a network cut) while the transaction was
   * still open, so the server rolled it back and it may run again. A loss during COMMIT only gets
   * here for guarded work ({@link #guardedTx}); {@link #inOneTransaction} answers any other with a 503.
   */
  static boolean isConnectionLost(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A deadlock victim or serialization failure: the whole transaction was rolled back and may run again. */
  static boolean isDeadlock(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
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
    transactionPool.close();
    readPool.close();
  }
}
