package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_CHAIN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tamper evidence: /ledger/verify recomputes every cooperative's chain. The chains are built by 8
 * threads posting for 2 cooperatives at once; each test alters one row by hand (the way someone
 * with database access would), checks that verify names the entry, and puts the row back.
 */
class LedgerVerifyTest {
  @ClassServer static TestServer server;
  static DSLContext db;
  static final int THREADS = 8;
  static final int PER_THREAD = 15;
  static final List<Long> ENTRIES = new ArrayList<>();

  @BeforeAll
  static void postConcurrently() throws Exception {
    db = server.server().database().dsl();
    JournalPoster ledger = server.server().ledger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        gate.await();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
          long coop = 1 + (thread + i) % 2;
          long amount = 120_000L * (1 + i); // 100 公斤 of grapes at 12 元/公斤, times i+1
          EntryDraft draft = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, thread * 100L + i,
              "verify:" + thread + ":" + i, coop, LocalDate.of(2026, 9, 1 + i), 1, "葡萄",
              List.of(new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), amount),
                  new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), -amount)));
          ids.add(db.transactionResult(c -> ledger.post(c.dsl(), draft)).entryId());
        }
        return ids;
      }));
    }
    gate.countDown();
    for (Future<List<Long>> result : results) {
      ENTRIES.addAll(result.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
  }

  static JsonObject verify() {
    Http.Response response = server.http.get("/api/v1/ledger/verify", server.adminToken);
    assertThat(response.status()).isEqualTo(200);
    return response.body();
  }

  static long someEntry() {
    return ENTRIES.get(ENTRIES.size() / 3);
  }

  @Test
  void given_chains_written_by_8_concurrent_writers_when_verified_then_ok_and_every_entry_checked() {
    JsonObject result = verify();

    assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
    assertThat(result.getLong("entriesChecked")).isEqualTo(THREADS * PER_THREAD);
    assertThat(result.getInteger("chainsChecked")).isEqualTo(2);
    assertThat(db.select(LEDGER_CHAIN.LAST_SEQ).from(LEDGER_CHAIN).fetch(LEDGER_CHAIN.LAST_SEQ))
        .containsExactlyInAnyOrder((long) THREADS * PER_THREAD / 2, (long) THREADS * PER_THREAD / 2);
  }

  @Test
  void given_a_posting_amount_altered_by_sql_when_verified_then_the_entry_is_reported() {
    long entry = someEntry();
    long amount = db.select(LEDGER_POSTING.AMOUNT_FEN).from(LEDGER_POSTING)
        .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(1)).fetchOne().value1();
    try {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN, amount + 100)
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(1)).execute();
      JsonObject result = verify();

      assertThat(result.getBoolean("ok")).isFalse();
      assertThat(result.getJsonObject("firstBreak").getString("entryId")).isEqualTo(Long.toString(entry));
    } finally {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN, amount)
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(1)).execute();
    }
    assertThat(verify().getBoolean("ok")).isTrue();
  }

  @Test
  void given_both_postings_altered_so_the_entry_still_balances_when_verified_then_it_is_reported() {
    long entry = someEntry();
    try {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN,
              org.jooq.impl.DSL.when(LEDGER_POSTING.AMOUNT_FEN.gt(0L), LEDGER_POSTING.AMOUNT_FEN.plus(100))
                  .otherwise(LEDGER_POSTING.AMOUNT_FEN.minus(100)))
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry)).execute();
      JsonObject result = verify();

      assertThat(result.getBoolean("ok")).isFalse();
      assertThat(result.getJsonObject("firstBreak").getString("entryId")).isEqualTo(Long.toString(entry));
      assertThat(result.getJsonObject("firstBreak").getString("reason")).contains("content hash");
    } finally {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN,
              org.jooq.impl.DSL.when(LEDGER_POSTING.AMOUNT_FEN.gt(0L), LEDGER_POSTING.AMOUNT_FEN.minus(100))
                  .otherwise(LEDGER_POSTING.AMOUNT_FEN.plus(100)))
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry)).execute();
    }
    assertThat(verify().getBoolean("ok")).isTrue();
  }

  @Test
  void given_an_entry_memo_altered_or_a_posting_repointed_when_verified_then_the_entry_is_reported() {
    long entry = someEntry();
    String memo = db.select(LEDGER_ENTRY.MEMO).from(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(entry)).fetchOne().value1();
    try {
      db.update(LEDGER_ENTRY).set(LEDGER_ENTRY.MEMO, "苹果").where(LEDGER_ENTRY.ID.eq(entry)).execute();
      JsonObject result = verify();
      assertThat(result.getBoolean("ok")).isFalse();
      assertThat(result.getJsonObject("firstBreak").getString("entryId")).isEqualTo(Long.toString(entry));
    } finally {
      db.update(LEDGER_ENTRY).set(LEDGER_ENTRY.MEMO, memo).where(LEDGER_ENTRY.ID.eq(entry)).execute();
    }

    long account = db.select(LEDGER_POSTING.ACCOUNT_ID).from(LEDGER_POSTING)
        .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(1)).fetchOne().value1();
    long otherBuyerAccount = db.select(LEDGER_ACCOUNT.ID).from(LEDGER_ACCOUNT)
        .where(LEDGER_ACCOUNT.CHART_CODE.eq(ChartAccount.BANK_DEPOSIT.code()), LEDGER_ACCOUNT.ID.ne(account)).limit(1).fetchOne().value1();
    try {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.ACCOUNT_ID, otherBuyerAccount)
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(1)).execute();
      JsonObject result = verify();
      assertThat(result.getBoolean("ok")).isFalse();
      assertThat(result.getJsonObject("firstBreak").getString("entryId")).isEqualTo(Long.toString(entry));
    } finally {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.ACCOUNT_ID, account)
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(1)).execute();
    }
    assertThat(verify().getBoolean("ok")).isTrue();
  }

  @Test
  void given_an_entry_deleted_with_its_postings_when_verified_then_the_break_is_reported() {
    long entry = someEntry();
    var entryRow = db.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(entry)).fetchOne();
    var postingRows = db.selectFrom(LEDGER_POSTING).where(LEDGER_POSTING.ENTRY_ID.eq(entry)).fetch();
    try {
      db.deleteFrom(LEDGER_POSTING).where(LEDGER_POSTING.ENTRY_ID.eq(entry)).execute();
      db.deleteFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(entry)).execute();
      JsonObject result = verify();

      assertThat(result.getBoolean("ok")).isFalse();
      assertThat(result.getJsonObject("firstBreak").getString("reason")).contains("missing");
    } finally {
      entryRow.changed(true);
      db.executeInsert(entryRow);
      postingRows.forEach(r -> r.changed(true));
      db.batchInsert(postingRows).execute();
    }
    assertThat(verify().getBoolean("ok")).isTrue();
  }

  @Test
  void given_the_regulator_and_a_cooperative_when_they_ask_for_verification_then_only_the_regulator_may() {
    String regulator = server.userToken("verify-regulator", "REGULATOR", "450123");
    String coopId = server.http.post("/api/v1/cooperatives", server.adminToken,
        cn.bangfu.support.Fixtures.cooperative("岑峰村葡萄合作社")).body().getString("id");
    String coop = server.userToken("verify-coop", "COOP", coopId);

    assertThat(server.http.get("/api/v1/ledger/verify", regulator).status()).isEqualTo(200);
    assertThat(server.http.get("/api/v1/ledger/verify", coop).status()).isEqualTo(403);
  }
}
