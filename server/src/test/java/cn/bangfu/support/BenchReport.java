package cn.bangfu.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where benchmark results go: printed, and appended to the CSV named by -Dbench.csv (the bench
 * profile sets target/benchmarks.csv at the root), one row per measured line, with the machine.
 * -Dbench.only=ledger|market|distribution|county runs one benchmark and skips the rest.
 */
public final class BenchReport {
  private BenchReport() {
  }

  /** A benchmark's body. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /**
   * Runs a benchmark's main unless -Dbench.only names another; any failure ends the JVM with 1 (the
   * embedded database's watcher threads would otherwise keep it alive after main died).
   */
  public static void main(String benchmark, Body body) {
    if (!selected(benchmark)) {
      return;
    }
    try {
      body.run();
    } catch (Throwable failure) {
      failure.printStackTrace();
      System.exit(1);
    }
  }

  /** False when -Dbench.only names another benchmark: the caller prints nothing more and exits. */
  public static boolean selected(String benchmark) {
    String only = System.getProperty("bench.only", "all");
    boolean selected = only.isBlank() || only.equals("all") || only.equals(benchmark);
    if (!selected) {
      System.out.println(benchmark + " benchmark skipped (-Dbench.only=" + only + ")");
    }
    return selected;
  }

  public static void line(String benchmark, String text) {
    System.out.println(text);
    String csv = System.getProperty("bench.csv");
    if (csv == null || csv.isBlank()) {
      return;
    }
    Path file = Path.of(csv);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      boolean fresh = !Files.exists(file);
      String row = (fresh ? "time,benchmark,machine,result\n" : "") + quote(Instant.now().toString()) + ","
          + quote(benchmark) + "," + quote(machine()) + "," + quote(text) + "\n";
      Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("could not append to " + csv + ": " + e.getMessage());
    }
  }

  static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20)
        + " MB heap, java " + System.getProperty("java.version") + ", " + System.getProperty("os.arch");
  }

  private static String quote(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
