package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.COOPERATIVE;

import cn.bangfu.LedgerServer;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.registry.Uscc;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.Http;
import cn.bangfu.support.MemberRows;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;

/**
 * Distribution at county scale (not a unit test; run with the bench profile, see BENCHMARKS.md):
 * a cooperative of 100,000 member households, a run drafted and posted over HTTP, each posting
 * timed beside a raw batched JDBC insert of the same ledger rows in the same run; then the ledger
 * is filled to 10 million postings and household statements are read over HTTP for p50/p99; last,
 * the cooperative's statutory statements (资产负债表, 盈余及盈余分配表, 成员权益变动表 with its
 * 100,000 member lines, JSON and .xlsx) are generated over HTTP beside a raw JDBC read of every
 * per-account balance of the cooperative, measured in the same run (issue 13: under 2 s).
 */
public final class DistributionBenchmark {
  static final int HOUSEHOLDS = Integer.getInteger("bench.households", 100_000);
  static final long FILLER_POSTINGS = Long.getLong("bench.postings", 10_000_000L);
  static final int STATEMENT_READS = Integer.getInteger("bench.statementReads", 4_000);
  static final int CLIENTS = Integer.getInteger("bench.clients", 4);

  private final LedgerServer server;
  private final DSLContext db;
  private final Http http;
  private final List<String> results = new ArrayList<>();
  private long cooperativeId;
  private long firstHousehold;
  private String coopToken;
  private String regulatorToken;

  DistributionBenchmark(LedgerServer server) {
    this.server = server;
    this.db = server.database().dsl();
    this.http = new Http(server.port(), java.time.Duration.ofMinutes(10));
  }

  public static void main(String[] args) {
    cn.bangfu.support.BenchReport.main("distribution", DistributionBenchmark::benchmark);
  }

  static void benchmark() throws Exception {
    System.setProperty("ledger.test.dataDir", "target/bench-db");
    LedgerServer server = TestServer.startForBenchmark(TestDatabase.freshDatabase(), 16);
    try {
      DistributionBenchmark bench = new DistributionBenchmark(server);
      bench.run();
      bench.results.forEach(r -> cn.bangfu.support.BenchReport.line("distribution", r));
    } finally {
      server.stop();
    }
    System.exit(0);
  }

  void run() throws Exception {
    long setup = System.nanoTime();
    createCooperative();
    String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
    coopToken = user(admin, "bench-coop", "COOP", Long.toString(cooperativeId));
    regulatorToken = user(admin, "bench-regulator", "REGULATOR", "52");
    System.out.printf("setup: %,d households in %d ms%n", HOUSEHOLDS, (System.nanoTime() - setup) / 1_000_000);

    // Cold: the first distribution creates every household's rebate and dividend accounts; warm: a later
    // period with sales of its own. Neither covers a whole year: a whole-year run may only be posted once
    // the year has ended, and it closes the year (结账), and revenue is distributed once (issue 13).
    runOnce("cold (household accounts created)", "2026-01-01", "2026-06-30", true);
    EntryDraft moreSales = DistributionSteps.settlement(2, 1, cooperativeId, LocalDate.of(2026, 7, 1), 500_000_000L);
    db.transaction(tx -> server.ledger().post(tx.dsl(), moreSales));
    runOnce("warm (accounts exist)", "2026-07-01", "2026-09-30", false);

    long fill = System.nanoTime();
    fillLedger(FILLER_POSTINGS);
    System.out.printf("ledger filled with %,d more postings in %d ms%n", FILLER_POSTINGS,
        (System.nanoTime() - fill) / 1_000_000);
    readStatements();
    statutoryStatements();
  }

  /** The cooperative's statutory statements of 2026 beside the raw per-account read (DistributionSteps). */
  private void statutoryStatements() throws Exception {
    results.addAll(DistributionSteps.statutoryStatements(http, server.database().dataSource(), cooperativeId,
        regulatorToken, 2026, HOUSEHOLDS));
  }

  private void runOnce(String label, String start, String end, boolean cold) throws Exception {
    DistributionSteps.Timing run = DistributionSteps.draftAndPost(http, db, TestServer.clockOf(server), cooperativeId, coopToken, regulatorToken,
        LocalDate.parse(start), LocalDate.parse(end));
    double rawMs = DistributionSteps.rawPostingInsert(server.database().dataSource(), run, cold);
    double rawDraftMs = DistributionSteps.rawDraftInsert(server.database().dataSource(), run.runId());
    results.add(String.format("distribution %s | draft %,d households %.0f ms | raw batched insert of the draft's"
        + " rows %.0f ms | draft/raw %.2f (target <= 3.00)", label, HOUSEHOLDS, run.draftMs(), rawDraftMs,
        run.draftMs() / rawDraftMs));
    results.add(String.format("distribution %s | post %,d households %.0f ms | raw batched insert of"
        + " the same rows %.0f ms | post/raw %.2f (target <= 1.50)", label, HOUSEHOLDS, run.postMs(),
        rawMs, run.postMs() / rawMs));
  }

  private void readStatements() throws Exception {
    DistributionSteps.Reads reads = DistributionSteps.statementReads(http, regulatorToken, firstHousehold, HOUSEHOLDS,
        2026, CLIENTS, STATEMENT_READS);
    long postings = db.fetchCount(cn.bangfu.db.Tables.LEDGER_POSTING);
    results.add(String.format("statement reads, %,d ledger postings present, %d clients | %,d reads | p50 %.1f ms |"
        + " p99 %.1f ms (target <= 20) | %.0f reads/s", postings, CLIENTS, reads.count(), reads.p50Ms(),
        reads.p99Ms(), reads.perSecond()));
  }

  /** Unrelated postings (pairs of +100/−100 fen, so the trial balance stays 0) spread over 300,000 accounts. */
  private void fillLedger(long postings) {
    db.execute("INSERT INTO ledger_posting (entry_id, line_no, account_id, amount_fen, cooperative_id, effective_date)"
        + " SELECT 900000000000 + (seq DIV 1000), seq MOD 1000, 7000000000 + (seq MOD 300000),"
        + " IF(seq MOD 2 = 0, 100, -100), 1, '2025-06-01' FROM seq_0_to_" + (postings - 1));
  }

  private void createCooperative() throws Exception {
    cooperativeId = 4_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
    firstHousehold = cooperativeId * 1000;
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    db.insertInto(COOPERATIVE).set(COOPERATIVE.ID, cooperativeId).set(COOPERATIVE.NAME, "压测合作社")
        .set(COOPERATIVE.USCC, Uscc.withCheckCode("93522626MA6BENCH0".replace("BENCH", "B0000")))
        .set(COOPERATIVE.REGION_CODE, "522626100201").set(COOPERATIVE.CREATED_AT, now).set(COOPERATIVE.CREATED_BY, 0L)
        .execute();
    MemberRows.insert(server.database().dataSource(), new MemberRows.Cohort(cooperativeId, firstHousehold, HOUSEHOLDS,
        "522626100201", "葡萄", 1200, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 20)));
    // A year of settled sales: 5,000,000 元 of grapes.
    EntryDraft sales = DistributionSteps.settlement(1, 1, cooperativeId, LocalDate.of(2026, 6, 1), 500_000_000L);
    db.transaction(tx -> server.ledger().post(tx.dsl(), sales));
  }

  private String user(String adminToken, String username, String role, String scope) {
    http.post("/api/v1/users", adminToken, new JsonObject().put("username", username)
        .put("password", "bench-password-1").put("role", role).put("scopeId", scope)).expect(201);
    return http.login(username, "bench-password-1");
  }
}
