package cn.bangfu.support;

import cn.bangfu.ledger.ChartAccount;
import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;

import cn.bangfu.distribution.PeriodFactsRepository;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.ledger.Posting;
import cn.bangfu.platform.JdbcBatch;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The steps the distribution benchmarks share: settled sales to distribute, a run drafted and posted
 * over HTTP, the raw batched insert of the rows that posting writes (the comparison), and household
 * statement reads by several clients with p50/p99.
 */
public final class DistributionSteps {
  private DistributionSteps() {
  }

  /** A posted run: how long drafting and posting took over HTTP, and how many postings the entry has. */
  public record Timing(String runId, double draftMs, double postMs, int postings, long entryId,
      LocalDateTime postStarted) {
  }

  /** Statement reads: count, latency percentiles and throughput over all clients. */
  public record Reads(int count, double p50Ms, double p99Ms, double perSecond) {
  }

  /**
   * The ledger entry of a settled order as order settlement posts it (buyer's procurement debited,
   * cooperative's revenue credited): the revenue a distribution draft finds for the period.
   */
  public static EntryDraft settlement(long orderId, long buyerId, long cooperativeId, LocalDate settledOn,
      long amountFen) {
    return new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, orderId,
        "order-settlement:" + orderId, cooperativeId, settledOn, 0, "bench settlement of order " + orderId, List.of(
            new Posting(AccountRef.of(cooperativeId, ChartAccount.BANK_DEPOSIT), amountFen),
            new Posting(AccountRef.of(cooperativeId, ChartAccount.OPERATING_REVENUE), -amountFen)));
  }

  /**
   * Drafts a run of rule set coop-surplus-60 for the period, publicizes it, lets the 公示 days pass on
   * the server's business {@code clock} (waiting them out is not what is measured), approves and posts it.
   */
  public static Timing draftAndPost(Http http, DSLContext db, MutableClock clock, long cooperativeId,
      String coopToken, String regulatorToken, LocalDate start, LocalDate end) {
    long t0 = System.nanoTime();
    Http.Response draft = http.post("/api/v1/cooperatives/" + cooperativeId + "/distributions?limit=1", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", start.toString())
            .put("periodEnd", end.toString())).expect(201);
    double draftMs = (System.nanoTime() - t0) / 1e6;
    String runId = draft.body().getString("id");
    http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7)).expect(200);
    clock.advance(Duration.ofDays(8)); // 7 days of 公示 from today: the eighth day is after it
    // a period is posted only once it has ended (issue 13): a run of this whole year waits for New Year
    LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
    if (!today.isAfter(end)) {
      clock.advance(Duration.ofDays(java.time.temporal.ChronoUnit.DAYS.between(today, end) + 1));
    }

    http.post("/api/v1/distributions/" + runId + "/approve", regulatorToken, new JsonObject()).expect(200);
    LocalDateTime postStarted = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minusSeconds(1);
    long t1 = System.nanoTime();
    http.post("/api/v1/distributions/" + runId + "/post", coopToken, new JsonObject()).expect(200);
    double postMs = (System.nanoTime() - t1) / 1e6;
    var entry = db.select(LEDGER_ENTRY.ID, LEDGER_ENTRY.POSTING_COUNT).from(LEDGER_ENTRY).join(DISTRIBUTION_RUN)
        .on(DISTRIBUTION_RUN.LEDGER_ENTRY_ID.eq(LEDGER_ENTRY.ID))
        .where(DISTRIBUTION_RUN.ID.eq(Long.parseLong(runId))).fetchSingle();
    return new Timing(runId, draftMs, postMs, entry.value2(), entry.value1(), postStarted);
  }

  /**
   * The rows the posting of {@code run} wrote — its entry's postings and, on a cooperative's first
   * run, the accounts it created — inserted again with raw batched JDBC, in one transaction, into
   * copies of the ledger tables as they were before the posting (filled untimed with every other
   * row), so both sides write the same keys into B-trees of the same size; returns the milliseconds.
   */
  public static double rawPostingInsert(DataSource dataSource, Timing run, boolean withAccounts) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS raw_posting, raw_account");
      s.execute("CREATE TABLE raw_posting LIKE ledger_posting");
      s.execute("CREATE TABLE raw_account LIKE ledger_account");
      s.execute("INSERT INTO raw_posting SELECT * FROM ledger_posting WHERE entry_id <> " + run.entryId());
      List<Object[]> postings = rows(c, "SELECT entry_id, line_no, account_id, amount_fen, cooperative_id,"
          + " effective_date FROM ledger_posting WHERE entry_id = " + run.entryId() + " ORDER BY line_no", 6);
      List<Object[]> accounts = List.of();
      List<String> accountColumns = List.of();
      if (withAccounts) {
        String created = "created_at >= '" + run.postStarted() + "'";
        s.execute("INSERT INTO raw_account SELECT * FROM ledger_account WHERE NOT (" + created + ")");
        // every column of the account table as it is now (the chart of accounts changed them, issue 13),
        // so the raw side writes exactly the rows the posting created
        accountColumns = columns(c, "ledger_account");
        accounts = rows(c, "SELECT " + String.join(", ", accountColumns) + " FROM ledger_account WHERE " + created
            + " ORDER BY id", accountColumns.size());
      }
      long t0 = System.nanoTime();
      c.setAutoCommit(false);
      if (!accounts.isEmpty()) {
        insert(c, "INSERT INTO raw_account (" + String.join(", ", accountColumns) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(accountColumns.size(), "?")) + ")", accounts);
      }
      insert(c, "INSERT INTO raw_posting (entry_id, line_no, account_id, amount_fen, cooperative_id, effective_date)"
          + " VALUES (?, ?, ?, ?, ?, ?)", postings);
      c.commit();
      double ms = (System.nanoTime() - t0) / 1e6;
      c.setAutoCommit(true);
      s.execute("DROP TABLE raw_posting, raw_account");
      return ms;
    }
  }

  /**
   * The rows drafting {@code runId} wrote — the run, its lines with their explanations, its sources —
   * inserted again with raw batched JDBC in one transaction into copies of those tables holding every
   * other run's rows (filled untimed): the least a draft of that run could cost; returns the milliseconds.
   */
  public static double rawDraftInsert(DataSource dataSource, String runId) throws Exception {
    List<String[]> tables = List.of(new String[] {"distribution_run", "id"},
        new String[] {"distribution_line", "run_id"}, new String[] {"distribution_source", "run_id"});
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      List<String> inserts = new ArrayList<>();
      List<List<Object[]>> rows = new ArrayList<>();
      for (String[] table : tables) {
        String copy = "raw_" + table[0];
        s.execute("DROP TABLE IF EXISTS " + copy);
        s.execute("CREATE TABLE " + copy + " LIKE " + table[0]);
        s.execute("INSERT INTO " + copy + " SELECT * FROM " + table[0] + " WHERE " + table[1] + " <> " + runId);
        List<String> columns = columns(c, table[0]);
        inserts.add("INSERT INTO " + copy + " (" + String.join(", ", columns) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")");
        rows.add(rows(c, "SELECT " + String.join(", ", columns) + " FROM " + table[0] + " WHERE " + table[1] + " = "
            + runId, columns.size()));
      }
      long t0 = System.nanoTime();
      c.setAutoCommit(false);
      for (int i = 0; i < tables.size(); i++) {
        insert(c, inserts.get(i), rows.get(i));
      }
      c.commit();
      double ms = (System.nanoTime() - t0) / 1e6;
      c.setAutoCommit(true);
      for (String[] table : tables) {
        s.execute("DROP TABLE raw_" + table[0]);
      }
      return ms;
    }
  }

  /**
   * The cooperative's statutory statements of {@code year}, each three times over HTTP (median), beside
   * the raw reference: one JDBC query summing every posting of the cooperative per account, the least
   * any member-equity table has to read. One result line per statement.
   */
  public static List<String> statutoryStatements(Http http, DataSource dataSource, long cooperativeId, String token,
      int year, int members) throws Exception {
    String base = "/api/v1/cooperatives/" + cooperativeId + "/reports/";
    double raw = median(() -> {
      try (Connection c = dataSource.getConnection();
           PreparedStatement ps = c.prepareStatement("SELECT a.chart_code, a.household_id,"
               + " SUM(p.amount_fen) FROM ledger_account a JOIN ledger_posting p ON p.account_id = a.id"
               + " WHERE a.cooperative_id = ? GROUP BY a.id")) {
        ps.setLong(1, cooperativeId);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getLong(3);
          }
        }
      }
    });
    List<String> lines = new ArrayList<>();
    for (String report : List.of("balance-sheet?date=" + year + "-12-31", "surplus?year=" + year,
        "member-equity?year=" + year, "member-equity?year=" + year + "&format=xlsx")) {
      double ms = median(() -> {
        if (report.endsWith("xlsx")) {
          Http.Download file = http.download(base + report, token, null);
          if (file.status() != 200) {
            throw new IllegalStateException(report + " → " + file.status());
          }
        } else {
          http.get(base + report, token).expect(200);
        }
      });
      lines.add(String.format("statutory statement %s, %,d members | %.0f ms (target < 2000) | raw per-account"
          + " balance read %.0f ms | statement/raw %.1f", report, members, ms, raw, ms / raw));
    }
    return lines;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double median(Step step) throws Exception {
    double[] ms = new double[3];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      step.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[1];
  }

  private static List<String> columns(Connection c, String table) throws Exception {
    List<String> names = new ArrayList<>();
    try (java.sql.ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, null)) {
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
      }
    }
    return names;
  }

  private static List<Object[]> rows(Connection c, String sql, int columns) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static void insert(Connection c, String sql, List<Object[]> rows) throws Exception {
    try (PreparedStatement p = c.prepareStatement(sql); JdbcBatch batch = new JdbcBatch(p, 20_000)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          p.setObject(i + 1, row[i]);
        }
        batch.add();
      }
    }
  }

  /**
   * {@code reads} statements of random households among firstHousehold .. firstHousehold + households - 1
   * for {@code year}, by {@code clients} threads at once, after 300 unmeasured reads (JIT, pool).
   */
  public static Reads statementReads(Http http, String token, long firstHousehold, int households, int year,
      int clients, int reads) throws Exception {
    String query = "/statement?year=" + year;
    for (int i = 0; i < 300; i++) {
      http.get("/api/v1/households/" + (firstHousehold + i % households) + query, token);
    }
    return timedReads(clients, reads, () -> {
      long household = firstHousehold + ThreadLocalRandom.current().nextInt(households);
      http.get("/api/v1/households/" + household + query, token).expect(200);
    });
  }

  /** {@code reads} calls of {@code read}, shared by {@code clients} threads, each timed: its latency distribution. */
  public static Reads timedReads(int clients, int reads, Runnable read) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    int perClient = reads / clients;
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        long[] latencies = new long[perClient];
        for (int i = 0; i < perClient; i++) {
          long start = System.nanoTime();
          read.run();
          latencies[i] = System.nanoTime() - start;
        }
        return latencies;
      }));
    }
    long[] all = new long[perClient * clients];
    int k = 0;
    for (Future<long[]> f : futures) {
      for (long l : f.get()) {
        all[k++] = l;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    Arrays.sort(all);
    return new Reads(all.length, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
        all.length / seconds);
  }
}
