package cn.bangfu.ledger;

import cn.bangfu.LedgerServer;
import cn.bangfu.platform.Config;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Ledger throughput beside raw JDBC on the same embedded MariaDB, pool and run (not a unit test;
 * run with {@code mvn -B -o -Pbench -DskipTests -pl server -am verify}).
 *
 * <ol>
 *   <li>16 writers posting single settlement entries (buyer debit, cooperative credit) for random
 *   cooperatives of a 200-cooperative county, vs 16 writers inserting the same rows (entry + 2
 *   postings, one transaction each) into identically indexed raw tables. Also all 16 on one
 *   cooperative (one chain: the worst case).</li>
 *   <li>One distribution entry of 100,000 household postings vs one raw batched transaction of the
 *   same rows: with the household accounts already there (warm), and on first use (cold, where the
 *   raw side also inserts the 100,000 account rows).</li>
 * </ol>
 */
public final class LedgerBenchmark {
  static final int WRITERS = Integer.getInteger("bench.writers", 16);
  // short interleaved rounds: this shared machine's I/O rate drifts by 2x within a minute
  static final int SECONDS = Integer.getInteger("bench.seconds", 4);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
  static final int HOUSEHOLDS = Integer.getInteger("bench.households", 100_000);
  static final int COOPERATIVES = 200;
  static final int BUYERS = 500;
  static final LocalDate SETTLED_ON = LocalDate.of(2026, 9, 15);

  private final DataSource dataSource;
  private final DSLContext dsl;
  private final JournalPoster ledger;
  private final AtomicLong refs = new AtomicLong();

  LedgerBenchmark(LedgerServer server) {
    this.dataSource = server.database().dataSource();
    this.dsl = server.database().dsl();
    this.ledger = server.ledger();
  }

  public static void main(String[] args) {
    cn.bangfu.support.BenchReport.main("ledger", LedgerBenchmark::benchmark);
  }

  static void benchmark() throws Exception {
    System.setProperty("ledger.test.dataDir", "target/bench-db");
    String url = TestDatabase.freshDatabase();
    Config config = TestServer.database(url, "ledger-bench").dbPoolSize(WRITERS + 2)
        .adminPassword("bench-admin-password").masterKey(TestServer.randomKey()).tokenTtlSeconds(3600)
        .maxBodyBytes(64 * 1024).build();
    LedgerServer server = new LedgerServer(config).start();
    int status = 0;
    try {
      new LedgerBenchmark(server).run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      server.stop();
    }
    System.exit(status);
  }

  void run() throws Exception {
    createRawTables();
    System.out.printf("machine: %d cores, %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20);
    // warm-up: creates every buyer and cooperative account, both code paths' JIT and the buffer pool
    concurrent("warm-up raw", this::rawSettlement, 5);
    concurrent("warm-up ledger", () -> ledgerSettlement(randomCoop()), 5);

    // interleaved rounds: the database's throughput drifts within a run, so each ledger round is
    // compared with the raw round just before it and the median of those ratios is reported
    List<String> rows = new ArrayList<>();
    double[] rawRounds = new double[ROUNDS];
    double[] ledgerRounds = new double[ROUNDS];
    double[] ratios = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      rawRounds[i] = concurrent("raw", this::rawSettlement, SECONDS);
      ledgerRounds[i] = concurrent("ledger", () -> ledgerSettlement(randomCoop()), SECONDS);
      ratios[i] = ledgerRounds[i] / rawRounds[i];
    }
    double raw = median(rawRounds);
    double led = median(ledgerRounds);
    rows.add(String.format("single-entry postings, %d writers, 200 cooperatives, median of %d rounds | ledger %.0f"
        + " entries/s | raw %.0f tx/s | ratio %.2f (median of round ratios %s; target >= 0.60)", WRITERS, ROUNDS, led,
        raw, median(ratios), Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray())));
    double one = concurrent("ledger, one cooperative", () -> ledgerSettlement(1), SECONDS);
    rows.add(String.format("single-entry postings, %d writers, ONE cooperative | ledger %.0f entries/s | raw %.0f tx/s"
        + " | ratio %.2f (one chain, serialized)", WRITERS, one, raw, one / raw));

    long[] households = new long[HOUSEHOLDS];
    for (int i = 0; i < HOUSEHOLDS; i++) {
      households[i] = 5_000_000L + i;
    }
    double rawCold = timed("raw, cold", () -> rawDistribution(households, true));
    double ledgerCold = timed("ledger, cold", () -> ledgerDistribution(households));
    rows.add(String.format("%,d-posting entry, accounts created (cold) | ledger %.0f ms | raw %.0f ms | ratio %.2f",
        HOUSEHOLDS, ledgerCold, rawCold, ledgerCold / rawCold));
    double[] rawWarm = new double[3];
    double[] ledgerWarm = new double[3];
    for (int i = 0; i < 3; i++) {
      rawWarm[i] = timed("raw, warm", () -> rawDistribution(households, false));
      ledgerWarm[i] = timed("ledger, warm", () -> ledgerDistribution(households));
    }
    double rw = median(rawWarm);
    double lw = median(ledgerWarm);
    rows.add(String.format("%,d-posting entry, accounts exist (warm), median of 3 | ledger %.0f ms | raw %.0f ms"
        + " | ratio %.2f (target <= 1.50)", HOUSEHOLDS, lw, rw, lw / rw));
    System.out.println();
    System.out.println("=== ledger benchmark ===");
    rows.forEach(r -> cn.bangfu.support.BenchReport.line("ledger", r));
    System.out.println("raw runs warm (ms): " + Arrays.toString(rawWarm) + "; ledger: " + Arrays.toString(ledgerWarm));
    var trial = new LedgerQueries().trialBalance(dsl);
    System.out.println("trial balance after the run: debit " + trial.totalDebitFen() + " credit "
        + trial.totalCreditFen());
  }

  // --- the ledger side ---

  long randomCoop() {
    return 1 + ThreadLocalRandom.current().nextInt(COOPERATIVES);
  }

  void ledgerSettlement(long coop) {
    long buyer = 10_000 + ThreadLocalRandom.current().nextInt(BUYERS);
    long amount = 600_000; // 500 公斤 of grapes at 12 元/公斤
    EntryDraft draft = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, refs.incrementAndGet(),
        "bench-settlement:" + refs.get() + ":" + System.nanoTime(), coop, SETTLED_ON, 1, null,
        List.of(new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), amount),
            new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), -amount)));
    dsl.transactionResult(c -> ledger.post(c.dsl(), draft));
  }

  void ledgerDistribution(long[] households) {
    List<Posting> postings = new ArrayList<>(households.length + 1);
    postings.add(new Posting(AccountRef.of(1, ChartAccount.SURPLUS_DISTRIBUTION),
        3_600L * households.length));
    for (long h : households) {
      postings.add(new Posting(AccountRef.member(1, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, h), -3_600));
    }
    EntryDraft draft = new EntryDraft(EntryKind.DISTRIBUTION, ReferenceType.DISTRIBUTION_RUN, refs.incrementAndGet(),
        "bench-distribution:" + System.nanoTime(), 1, LocalDate.of(2026, 12, 31), 1, null, postings);
    dsl.transactionResult(c -> ledger.post(c.dsl(), draft));
  }

  // --- the raw side: the same rows, plain JDBC, one transaction ---

  void createRawTables() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE raw_entry LIKE ledger_entry");
      s.execute("CREATE TABLE raw_posting LIKE ledger_posting");
      s.execute("CREATE TABLE raw_account LIKE ledger_account");
    }
  }

  private static final String RAW_ENTRY = "INSERT INTO raw_entry (id, cooperative_id, chain_seq, kind, reference_type,"
      + " reference_id, idempotency_ref, caused_by, memo, effective_date, created_at, reverses_entry_id, posting_count,"
      + " content_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?)";
  private static final String RAW_POSTING = "INSERT INTO raw_posting (entry_id, line_no, account_id, amount_fen,"
      + " cooperative_id, effective_date) VALUES (?, ?, ?, ?, ?, ?)";
  private static final AtomicLong RAW_IDS = new AtomicLong(1);

  void rawSettlement() {
    long coop = randomCoop();
    long id = RAW_IDS.incrementAndGet();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      rawEntry(c, id, coop, 2);
      try (PreparedStatement ps = c.prepareStatement(RAW_POSTING)) {
        addPosting(ps, id, 1, 10_000 + ThreadLocalRandom.current().nextInt(BUYERS), 600_000, coop, SETTLED_ON);
        addPosting(ps, id, 2, coop, -600_000, coop, SETTLED_ON);
        ps.executeBatch();
      }
      c.commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void rawDistribution(long[] households, boolean withAccounts) {
    long id = RAW_IDS.incrementAndGet();
    LocalDate date = LocalDate.of(2026, 12, 31);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      if (withAccounts) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_account (id, cooperative_id, chart_code,"
            + " household_id, currency, created_at) VALUES (?, 1, '222', ?, 'CNY', ?)")) {
          LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
          for (long h : households) {
            ps.setLong(1, RAW_IDS.incrementAndGet());
            ps.setLong(2, h);
            ps.setObject(3, now);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      rawEntry(c, id, 1, households.length + 1);
      try (PreparedStatement ps = c.prepareStatement(RAW_POSTING)) {
        addPosting(ps, id, 1, 1, 3_600L * households.length, 1, date);
        for (int i = 0; i < households.length; i++) {
          addPosting(ps, id, i + 2, households[i], -3_600, 1, date);
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void rawEntry(Connection c, long id, long coop, int postings) throws Exception {
    byte[] hash = new byte[32];
    ThreadLocalRandom.current().nextBytes(hash);
    try (PreparedStatement ps = c.prepareStatement(RAW_ENTRY)) {
      ps.setLong(1, id);
      ps.setLong(2, coop);
      ps.setLong(3, id);
      ps.setString(4, "ORDER_SETTLEMENT");
      ps.setString(5, "ORDER");
      ps.setLong(6, id);
      ps.setString(7, "raw:" + id);
      ps.setLong(8, 1);
      ps.setObject(9, SETTLED_ON);
      ps.setObject(10, LocalDateTime.now(ZoneOffset.UTC));
      ps.setInt(11, postings);
      ps.setBytes(12, hash);
      ps.setBytes(13, hash);
      ps.setBytes(14, hash);
      ps.executeUpdate();
    }
  }

  private static void addPosting(PreparedStatement ps, long entry, int line, long account, long amount, long coop,
      LocalDate date) throws Exception {
    ps.setLong(1, entry);
    ps.setInt(2, line);
    ps.setLong(3, account);
    ps.setLong(4, amount);
    ps.setLong(5, coop);
    ps.setDate(6, java.sql.Date.valueOf(date));
    ps.addBatch();
  }

  // --- harness ---

  /** Runs {@code work} from WRITERS threads for {@code seconds}; returns completed operations per second. */
  static double concurrent(String name, Runnable work, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch gate = new CountDownLatch(1);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long[] window = new long[2];
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < WRITERS; t++) {
      futures.add(pool.submit(() -> {
        gate.await();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
          try {
            work.run();
            done.incrementAndGet();
          } catch (RuntimeException e) {
            if (failed.getAndIncrement() == 0) {
              System.out.println("  first failure in " + name + ": " + e);
            }
          }
        }
        return null;
      }));
    }
    window[0] = System.nanoTime();
    gate.countDown();
    try {
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    window[1] = System.nanoTime();
    double rate = done.get() / ((window[1] - window[0]) / 1e9);
    System.out.printf("  %-28s %8.0f /s (%d in %.1f s, %d failed)%n", name, rate, done.get(),
        (window[1] - window[0]) / 1e9, failed.get());
    return rate;
  }

  static double timed(String name, Runnable work) {
    long start = System.nanoTime();
    work.run();
    double ms = (System.nanoTime() - start) / 1e6;
    System.out.printf("  %-28s %8.0f ms%n", name, ms);
    return ms;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
