package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a run refuses to do, what it does with a killed connection, and how its facts are read. */
class DistributionGuardsTest {
  @ClassServer static TestServer server;
  static GrapeCooperative coop;

  @BeforeAll
  static void start() {
    coop = new GrapeCooperative(server, "岑丰村葡萄种植专业合作社", 3);
    coop.settledOrder(8_001, 360_000, LocalDate.of(2026, 8, 30));
  }

  private String approvedRun(String periodStart, String periodEnd) {
    String runId = GrapeCooperative.created(coop.draft("coop-surplus-60", periodStart, periodEnd));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7));
    coop.endPublicity(runId);
    assertThat(coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken, new JsonObject())
        .status()).isEqualTo(200);
    return runId;
  }

  @Test
  void a_new_draft_for_the_same_period_replaces_the_old_draft() {
    String first = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-06-30"));
    String second = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-06-30"));
    assertThat(second).isNotEqualTo(first);
    assertThat(server.http.get("/api/v1/distributions/" + first, coop.coopToken).status()).isEqualTo(404);
    assertThat(server.http.get("/api/v1/distributions/" + second, coop.coopToken).status()).isEqualTo(200);
  }

  @Test
  void steps_out_of_order_are_409_and_the_wrong_party_403() {
    String draft = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-01-01", "2026-09-30"));
    String path = "/api/v1/distributions/" + draft;
    assertThat(coop.post(path + "/approve", coop.regulatorToken, new JsonObject()).status()).isEqualTo(409);
    assertThat(coop.post(path + "/post", coop.coopToken, new JsonObject()).status()).isEqualTo(409);
    assertThat(coop.post(path + "/paid", coop.coopToken, new JsonObject().put("paidOn", "2026-10-01")).status())
        .isEqualTo(409);
    assertThat(coop.post(path + "/objections", null, new JsonObject().put("text", "草案")).status())
        .as("objections open with publicity").isEqualTo(409);
    assertThat(coop.post(path + "/publicize", coop.regulatorToken, new JsonObject().put("days", 7)).status())
        .as("the regulator does not publicize for the cooperative").isEqualTo(403);
    assertThat(coop.post(path + "/publicize", coop.coopToken, new JsonObject().put("days", 7)).status()).isEqualTo(200);
    assertThat(coop.post(path + "/publicize", coop.coopToken, new JsonObject().put("days", 7)).status()).isEqualTo(409);
    coop.endPublicity(draft);
    assertThat(coop.post(path + "/approve", coop.coopToken, new JsonObject()).status())
        .as("a cooperative never approves its own run").isEqualTo(403);
    Http.Response unknownRule = coop.draft("no-such-rule", "2026-01-01", "2026-12-31");
    assertThat(unknownRule.status()).isEqualTo(400);
    assertThat(unknownRule.body().getString("field")).isEqualTo("ruleSetId");
    Http.Response backwards = coop.draft("coop-surplus-60", "2026-12-31", "2026-01-01");
    assertThat(backwards.body().getString("field")).isEqualTo("periodEnd");
  }

  @Test
  void given_the_posting_connection_is_killed_mid_transaction_then_the_server_runs_it_again_and_it_posts_once()
      throws Exception {
    // November's own sale: posting claims it, so the other tests' January–September drafts keep theirs
    coop.settledOrder(8_002, 240_000, LocalDate.of(2026, 11, 5));
    String runId = approvedRun("2026-11-01", "2026-11-30");
    long entriesBefore = server.server().database().dsl().fetchCount(LEDGER_ENTRY);

    // Hold the cooperative's ledger chain head, so the posting transaction blocks half-way (run row
    // locked, accounts touched) and can be caught there; then kill its database connection. Before
    // COMMIT nothing was committed, so the server runs the whole transaction again on a new connection
    // (issue 19 point 4: a database node lost under load); it waits for the chain head like the first.
    CompletableFuture<Http.Response> posting;
    try (Connection blocker = DriverManager.getConnection(server.jdbcUrl() + "?useSSL=false&allowPublicKeyRetrieval=true",
        cn.bangfu.support.TestDatabase.user(), cn.bangfu.support.TestDatabase.password())) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.executeQuery("SELECT * FROM ledger_chain WHERE cooperative_id = " + coop.id + " FOR UPDATE").close();
      }
      posting = CompletableFuture.supplyAsync(() ->
          coop.post("/api/v1/distributions/" + runId + "/post", coop.coopToken, new JsonObject()));
      long victim = waitForBlockedPosting(blocker);
      try (Statement s = blocker.createStatement()) {
        s.execute("KILL " + victim);
      }
      DSLContext db = server.server().database().dsl();
      // the killed attempt left nothing behind
      assertThat(db.fetchCount(LEDGER_ENTRY)).isEqualTo(entriesBefore);
      blocker.rollback();
    }

    Http.Response posted = posting.get(30, TimeUnit.SECONDS);
    assertThat(posted.status()).isEqualTo(200);
    assertThat(posted.body().getString("status")).isEqualTo("POSTED");
    DSLContext db = server.server().database().dsl();
    assertThat(db.fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("distribution:" + runId))).isEqualTo(1);
    assertThat(server.http.get("/api/v1/ledger/trial-balance", server.adminToken).body().getBoolean("balanced")).isTrue();
  }

  /**
   * The id of the server connection waiting for the chain-head lock, by SELECT ... FOR UPDATE or by
   * the claiming UPDATE (polls the process list, bounded).
   */
  private static long waitForBlockedPosting(Connection blocker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Statement s = blocker.createStatement();
           ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '%ledger_chain%'"
               + " AND (INFO LIKE '%for update%' OR INFO LIKE 'update%') AND ID <> CONNECTION_ID()")) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the posting never reached the chain head");
  }

  @Test
  void period_facts_take_the_same_number_of_queries_for_3_or_30_households() {
    GrapeCooperative small = new GrapeCooperative(server, "小合作社", 3);
    GrapeCooperative large = new GrapeCooperative(server, "大合作社", 30);
    int smallQueries = queriesToGather(small);
    int largeQueries = queriesToGather(large);
    assertThat(largeQueries).isEqualTo(smallQueries).isLessThanOrEqualTo(11); // 10 + days on welfare posts
  }

  private static int queriesToGather(GrapeCooperative cooperative) {
    AtomicInteger count = new AtomicInteger();
    DSLContext counting = DSL.using(server.server().database().dsl().configuration().derive(new DefaultExecuteListener() {
      @Override
      public void executeStart(ExecuteContext ctx) {
        count.incrementAndGet();
      }
    }));
    PeriodFactsRepository.Gathered gathered = new PeriodFactsRepository().gather(counting,
        Long.parseLong(cooperative.id), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    assertThat(gathered.facts().members()).hasSize(cooperative.households.size());
    return count.get();
  }
}
