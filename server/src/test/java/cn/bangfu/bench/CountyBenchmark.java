package cn.bangfu.bench;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.BenchReport;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * County-scale benchmark (not a test; run: see BENCHMARKS.md). Starts the server on a fresh embedded
 * MariaDB, loads a generated county ({@link CountyDataset}: 200 cooperatives, 50,000 households, 500
 * buyers, 10,000 lots; -Dbench.county.households=2000000 for a province) and measures, in one run on
 * that one dataset:
 * 1. order placement: POST /orders from 50 concurrent clients (wrk if installed) for
 *    -Dbench.county.seconds (20, after an 8 s warm-up), beside raw JDBC running the same statements
 *    from 50 threads over the server's pool for as long ({@link OrderLoad});
 * 2. the largest cooperative's distribution run (coop-surplus-60) drafted and posted over HTTP,
 *    posting beside a raw batched insert of the same ledger rows;
 * 3. household statements read over HTTP by 4 clients, random households of the whole county, then the
 *    household page ({@link HouseholdPageBench}) rendered for as many random households by the same clients;
 * 4. matching: GET /demands/{id}/matches for a buyer's 葡萄 demand over the county's open lots;
 * 5. monitoring ({@link MonitoringBench}): every alert evaluated over the county beside a raw aggregate of
 *    the same income, one household's chain beside its raw reads, one household re-evaluated after a write.
 * It ends with a table, one line per measurement with the ratio where there is a raw side; the
 * lines are appended to the CSV.
 */
public final class CountyBenchmark {
  static final int CLIENTS = 50;
  static final int POOL = 16;
  static final int SECONDS = Integer.getInteger("bench.county.seconds", 20);
  static final int STATEMENT_CLIENTS = 4;
  static final int STATEMENT_READS = Integer.getInteger("bench.county.statementReads", 4_000);
  static final int MATCH_SAMPLES = 200;

  private final LedgerServer server;
  private final Http http;
  private final CountyDataset county = CountyDataset.fromProperties();
  private final List<String> table = new ArrayList<>();

  private CountyBenchmark(LedgerServer server) {
    this.server = server;
    // The province-sized draft (~150,000 members) takes longer than the default 30 s.
    this.http = new Http(server.port(), Duration.ofMinutes(10));
  }

  public static void main(String[] args) {
    BenchReport.main("county", CountyBenchmark::benchmark);
  }

  static void benchmark() throws Exception {
    if (System.getProperty("ledger.test.dataDir") == null) {
      // run from an IDE: keep off target/test-db, which a test run deletes and reuses
      System.setProperty("ledger.test.dataDir", "target/bench-db");
    }
    LedgerServer server = TestServer.startForBenchmark(TestDatabase.freshDatabase(), POOL);
    try {
      new CountyBenchmark(server).run();
    } finally {
      server.stop();
    }
    // the embedded database's process watchers are not daemon threads: end the JVM explicitly
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf("machine: %d cores, %d MB max heap, java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    county.load(server);
    String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
    // Only the participants that need to sign in get users over HTTP: 50 buyers, the largest
    // cooperative and a county regulator.
    List<String> buyerIds = new ArrayList<>();
    List<String> buyerTokens = new ArrayList<>();
    for (int b = 0; b < CLIENTS; b++) {
      buyerIds.add(county.buyerId(b));
      buyerTokens.add(MarketBenchmark.World.user(http, admin, "county-buyer-" + b, "BUYER", county.buyerId(b)));
    }
    String coopToken = MarketBenchmark.World.user(http, admin, "county-coop-largest", "COOP",
        Long.toString(county.largestCooperative()));
    String regulatorToken = MarketBenchmark.World.user(http, admin, "county-regulator", "REGULATOR",
        CountyDataset.COUNTY);
    table.add(String.format("county dataset | %,d cooperatives (largest %,d members), %,d households, %,d buyers"
        + " (%,d pairings), %,d lots (%,d of 葡萄), %,d settled orders of the largest (%,d fen)", county.cooperatives,
        county.largestMembers(), county.households, county.buyers, county.pairings, county.lots, county.grapeLots,
        county.settledOrders, county.settledRevenueFen));

    orders(buyerIds, buyerTokens);
    // before the distribution: posting this year's run moves the business clock past New Year, and a
    // demand is dated from the real today
    matching(buyerTokens.get(0));
    distribution(coopToken, regulatorToken);
    statements(regulatorToken);
    new HouseholdPageBench(server, http, county, table).run(STATEMENT_CLIENTS, STATEMENT_READS, STATEMENT_READS);
    new MonitoringBench(server, http, county, table).run(regulatorToken);

    System.out.println();
    System.out.println("county benchmark: measurement | server | raw | ratio");
    table.forEach(line -> BenchReport.line("county", line));
  }

  /**
   * Each side warms up (JIT, pools) unmeasured as the market benchmark does, then runs SECONDS; the
   * raw side uses the server's own pool, idle meanwhile, so both have the same size and driver settings.
   */
  private void orders(List<String> buyerIds, List<String> buyerTokens) throws Exception {
    List<String> lots = county.lotIds;
    OrderLoad.overHttp(server.port(), buyerTokens, lots, CLIENTS, MarketBenchmark.WARM_UP_SECONDS);
    OrderLoad.Result viaHttp = OrderLoad.overHttp(server.port(), buyerTokens, lots, CLIENTS, SECONDS);
    System.out.println(viaHttp.line("HTTP POST /orders"));
    DataSource pool = server.database().transactionDataSource();
    OrderLoad.rawJdbc(pool, buyerIds, lots, CLIENTS, MarketBenchmark.WARM_UP_SECONDS);
    OrderLoad.Result raw = OrderLoad.rawJdbc(pool, buyerIds, lots, CLIENTS, SECONDS);
    System.out.println(raw.line("raw JDBC same statements"));
    table.add(String.format("order placement, %d clients, %d s, %,d lots | HTTP (%s) %,.0f orders/s, p50 %.1f ms,"
        + " p99 %.1f ms (target <= 50), %,d failures | raw JDBC %,.0f orders/s, p50 %.1f ms, p99 %.1f ms,"
        + " %,d failures | HTTP/raw throughput %.2f (target >= 0.50)", CLIENTS, SECONDS, lots.size(), viaHttp.tool(),
        viaHttp.perSecond(), viaHttp.p50Ms(), viaHttp.p99Ms(), viaHttp.failures(), raw.perSecond(), raw.p50Ms(),
        raw.p99Ms(), raw.failures(), viaHttp.perSecond() / raw.perSecond()));
  }

  /** The largest cooperative's first run of this year: posting also creates its members' accounts. */
  private void distribution(String coopToken, String regulatorToken) throws Exception {
    LocalDate start = county.today.withDayOfYear(1);
    LocalDate end = start.plusYears(1).minusDays(1);
    DistributionSteps.Timing run = DistributionSteps.draftAndPost(http, server.database().dsl(),
        TestServer.clockOf(server), county.largestCooperative(), coopToken, regulatorToken, start, end);
    double rawMs = DistributionSteps.rawPostingInsert(server.database().dataSource(), run, true);
    table.add(String.format("distribution, largest cooperative (%,d members), first run, accounts created | draft"
        + " %,.0f ms, post %,.0f ms (%,d postings) | raw batched insert of the same rows %,.0f ms | post/raw %.2f"
        + " (target <= 1.50)", county.largestMembers(), run.draftMs(), run.postMs(), run.postings(), rawMs,
        run.postMs() / rawMs));
    double rawDraftMs = DistributionSteps.rawDraftInsert(server.database().dataSource(), run.runId());
    table.add(String.format("distribution draft, largest cooperative (%,d members) | draft %,.0f ms | raw batched"
        + " insert of the draft's run, lines and sources %,.0f ms | draft/raw %.2f (target <= 3.00)",
        county.largestMembers(), run.draftMs(), rawDraftMs, run.draftMs() / rawDraftMs));
    // the statements of the year the run was posted in (a whole year's run is posted after it ended)
    int postedIn = server.database().dsl().select(cn.bangfu.db.Tables.LEDGER_ENTRY.EFFECTIVE_DATE)
        .from(cn.bangfu.db.Tables.LEDGER_ENTRY).where(cn.bangfu.db.Tables.LEDGER_ENTRY.ID.eq(run.entryId()))
        .fetchSingle().value1().getYear();
    table.addAll(DistributionSteps.statutoryStatements(http, server.database().dataSource(),
        county.largestCooperative(), regulatorToken, postedIn, county.largestMembers()));
  }

  private void statements(String regulatorToken) throws Exception {
    DistributionSteps.Reads reads = DistributionSteps.statementReads(http, regulatorToken, county.firstHousehold(),
        county.households, county.today.getYear(), STATEMENT_CLIENTS, STATEMENT_READS);
    table.add(String.format("statement reads, %d clients, random households of %,d | %,d reads, p50 %.1f ms, p99"
        + " %.1f ms (target <= 20), %,.0f reads/s | - | -", STATEMENT_CLIENTS, county.households, reads.count(),
        reads.p50Ms(), reads.p99Ms(), reads.perSecond()));
  }

  /** Buyer 0 is paired with the largest cooperative, a 葡萄 grower; 葡萄 lots are at 12 元/公斤. */
  private void matching(String buyerToken) {
    String demand = MarketBenchmark.demand(http, buyerToken, county.buyerId(0), "葡萄");
    long[] matches = MarketBenchmark.matchTimes(http, buyerToken, demand, MATCH_SAMPLES);
    table.add(String.format("matching, 葡萄 demand over %,d open lots (%,d of 葡萄) | %d requests, p50 %.1f ms, p99"
        + " %.1f ms (target < 50) | - | -", county.lots, county.grapeLots, MATCH_SAMPLES,
        MarketBenchmark.ms(matches, 0.5), MarketBenchmark.ms(matches, 0.99)));
  }
}
