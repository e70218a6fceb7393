package cn.bangfu.reliability;

import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a separate JVM ({@code java -cp <test classpath> cn.bangfu.Main}) on a database of
 * the test MariaDB, so it can be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) while
 * the database lives on — exactly what a power cut of the application host looks like. Its output goes
 * to a log file; readiness is its own "listening on port" line, not a polling loop.
 */
final class ServerProcess {
  private final String jdbcUrl;
  private final String masterKey;
  private final Path logDir;
  private final Path argFile;
  private Process process;
  private int port;
  private int starts;

  ServerProcess(String jdbcUrl, String masterKey, Path logDir) {
    this.jdbcUrl = jdbcUrl;
    this.masterKey = masterKey;
    this.logDir = logDir;
    try {
      Files.createDirectories(logDir);
      // The test classpath is long; an @argfile keeps it off the command line.
      this.argFile = logDir.resolve("server.args");
      Files.writeString(argFile, "-cp \"" + classPath().replace("\\", "\\\\") + "\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classPath() {
    String real = System.getProperty("surefire.test.class.path");
    return real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
  }

  /** Starts the server on a fresh free port and returns once it answers. */
  int start() {
    port = freePort();
    starts++;
    Path log = logDir.resolve("server-" + starts + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "@" + argFile, "cn.bangfu.Main"));
    Map<String, String> env = builder.environment();
    env.put("LEDGER_DB_URL", TestDatabase.serverUrl(jdbcUrl));
    env.put("LEDGER_DB_USER", TestDatabase.user());
    env.put("LEDGER_DB_PASSWORD", TestDatabase.password());
    env.put("LEDGER_DB_POOL_SIZE", "8");
    env.put("LEDGER_MIN_PUBLICITY_DAYS", "0");
    env.put("LEDGER_MASTER_KEY", masterKey);
    env.put("LEDGER_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    env.put("LEDGER_HTTP_PORT", Integer.toString(port));
    env.put("LEDGER_DATA_DIR", logDir.resolve("data").toString());
    builder.redirectErrorStream(true);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, ready), "server-log-" + starts);
    pump.setDaemon(true);
    pump.start();
    try {
      ready.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not start (see " + log + "): " + e.getMessage(), e);
    }
    return port;
  }

  private static void pump(Process process, Path log, CompletableFuture<Void> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (line.contains("ledger server listening on port")) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IllegalStateException("server exited with " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      ready.completeExceptionally(e);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful close; in-flight transactions die with their connections. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("server process did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, and the exit code once the process has ended by itself (-1 if it had to be killed). */
  int terminate(long timeoutSeconds) {
    process.destroy();
    try {
      if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
      process.destroyForcibly();
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM at the end of the suite (graceful). */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  int port() {
    return port;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
