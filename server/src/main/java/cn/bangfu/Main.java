package cn.bangfu;

import cn.bangfu.platform.Config;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar ledger-server.jar [--demo]}: configuration from LEDGER_* environment variables. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    boolean demo = Arrays.asList(args).contains("--demo");
    Config config = Config.fromEnvironment(System.getenv(), demo);
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
