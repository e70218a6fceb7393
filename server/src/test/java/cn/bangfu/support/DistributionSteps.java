package cn.bangfu.support;

import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;

import cn.bangfu.distribution.PeriodFactsRepository;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.AccountRef.OwnerType;
import cn.bangfu.ledger.AccountRef.Purpose;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Posting;
import cn.bangfu.platform.JdbcBatch;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
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
  public record Timing(String runId, double draftMs, double postMs, int postings) {
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
    return new EntryDraft("ORDER_SETTLEMENT", PeriodFactsRepository.ORDER_REFERENCE, orderId,
        "order-settlement:" + orderId, cooperativeId, settledOn, 0, "bench settlement of order " + orderId, List.of(
            new Posting(new AccountRef(OwnerType.BUYER, buyerId, Purpose.BUYER_PROCUREMENT), amountFen),
            new Posting(new AccountRef(OwnerType.COOPERATIVE, cooperativeId, Purpose.COOP_REVENUE), -amountFen)));
  }

  /**
   * Drafts a run of rule set coop-surplus-60 for the period, publicizes it, moves the publicity
   * window into the past (waiting the 公示 days out is not what is measured), approves and posts it.
   */
  public static Timing draftAndPost(Http http, DSLContext db, long cooperativeId, String coopToken,
      String regulatorToken, LocalDate start, LocalDate end) {
    long t0 = System.nanoTime();
    Http.Response draft = http.post("/api/v1/cooperatives/" + cooperativeId + "/distributions?limit=1", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", start.toString())
            .put("periodEnd", end.toString())).expect(201);
    double draftMs = (System.nanoTime() - t0) / 1e6;
    String runId = draft.body().getString("id");
    http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7)).expect(200);
    db.execute("UPDATE distribution_run SET publicity_end = publicity_end - INTERVAL 30 DAY WHERE id = " + runId);
    http.post("/api/v1/distributions/" + runId + "/approve", regulatorToken, new JsonObject()).expect(200);
    long t1 = System.nanoTime();
    http.post("/api/v1/distributions/" + runId + "/post", coopToken, new JsonObject()).expect(200);
    double postMs = (System.nanoTime() - t1) / 1e6;
    int postings = db.select(LEDGER_ENTRY.POSTING_COUNT).from(LEDGER_ENTRY).join(DISTRIBUTION_RUN)
        .on(DISTRIBUTION_RUN.LEDGER_ENTRY_ID.eq(LEDGER_ENTRY.ID))
        .where(DISTRIBUTION_RUN.ID.eq(Long.parseLong(runId))).fetchSingle(LEDGER_ENTRY.POSTING_COUNT);
    return new Timing(runId, draftMs, postMs, postings);
  }

  /**
   * The rows posting writes (one entry's {@code rows} postings, and on a cooperative's first run an
   * account per recipient) inserted with raw batched JDBC into identically indexed copies of the
   * ledger tables, in one transaction; returns the milliseconds. Recipients are households
   * firstHousehold, firstHousehold + 1, ...
   */
  public static double rawPostingInsert(DataSource dataSource, long cooperativeId, long firstHousehold, int rows,
      boolean withAccounts, LocalDate effectiveDate) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS raw_posting LIKE ledger_posting");
      s.execute("CREATE TABLE IF NOT EXISTS raw_account LIKE ledger_account");
      s.execute("TRUNCATE raw_posting");
      s.execute("TRUNCATE raw_account");
      long entry = ThreadLocalRandom.current().nextLong(1L << 40);
      long t0 = System.nanoTime();
      c.setAutoCommit(false);
      if (withAccounts) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO raw_account (id, owner_type, owner_id, purpose,"
            + " cooperative_id, currency, created_at) VALUES (?, 'HOUSEHOLD', ?, 'DIVIDEND_PAYABLE', NULL, 'CNY', ?)");
             JdbcBatch batch = new JdbcBatch(p, 5000)) {
          LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
          for (int i = 0; i < rows; i++) {
            p.setLong(1, entry + i);
            p.setLong(2, firstHousehold + i);
            p.setObject(3, now);
            batch.add();
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO raw_posting (entry_id, line_no, account_id,"
          + " amount_fen, cooperative_id, effective_date) VALUES (?, ?, ?, ?, ?, ?)");
           JdbcBatch batch = new JdbcBatch(p, 5000)) {
        for (int i = 0; i < rows; i++) {
          p.setLong(1, entry);
          p.setInt(2, i + 1);
          p.setLong(3, entry + i);
          p.setLong(4, i == 0 ? rows - 1 : -1);
          p.setLong(5, cooperativeId);
          p.setObject(6, effectiveDate);
          batch.add();
        }
      }
      c.commit();
      return (System.nanoTime() - t0) / 1e6;
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
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    int perClient = reads / clients;
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        long[] latencies = new long[perClient];
        for (int i = 0; i < perClient; i++) {
          long household = firstHousehold + ThreadLocalRandom.current().nextInt(households);
          long start = System.nanoTime();
          http.get("/api/v1/households/" + household + query, token).expect(200);
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
