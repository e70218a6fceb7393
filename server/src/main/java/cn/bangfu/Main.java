package cn.bangfu;

import cn.bangfu.platform.Config;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar ledger-server.jar [--demo]}: configuration from LEDGER_* environment variables.
 * {@code java -jar ledger-server.jar migrate} migrates the schema and exits (a cluster's one migrator).
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    boolean demo = Arrays.asList(args).contains("--demo");
    Config config = Config.fromEnvironment(System.getenv(), demo);
    if (Arrays.asList(args).contains("migrate")) {
      try {
        new LedgerServer(config).migrateOnly();
        System.out.println("schema migrated");
        System.exit(0);
      } catch (RuntimeException e) {
        System.err.println("migration failed: " + e.getMessage());
        System.exit(1);
      }
      return;
    }
    LedgerServer server;
    try {
      server = new LedgerServer(config).start();
    } catch (RuntimeException e) {
      System.err.println("ledger server failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM and Ctrl-C run shutdown hooks: finish in-flight requests, then stop the database.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "ledger-shutdown"));
    stopped.await();
  }
}
