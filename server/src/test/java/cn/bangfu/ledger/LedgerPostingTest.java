package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_CHAIN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.platform.Problem;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ledger.post against the real database: refusal of bad drafts with nothing written, idempotency
 * (sequential, conflicting and 16 threads at once), reversals, bulk entries, trial balance over HTTP.
 * Figures from the seeds: grapes at 12 元/公斤, so 500 公斤 settle at 6,000 元 = 600,000 fen.
 */
class LedgerPostingTest {
  @ClassServer static TestServer server;
  static JournalPoster ledger;
  static DSLContext db;
  static long coop;
  static long buyer;
  static final LocalDate SETTLED_ON = LocalDate.of(2026, 9, 15);

  @BeforeAll
  static void start() {
    ledger = server.server().ledger();
    db = server.server().database().dsl();
    coop = Long.parseLong(server.http.post("/api/v1/cooperatives", server.adminToken,
        Fixtures.cooperative("岑峰村葡萄合作社")).body().getString("id"));
    buyer = Long.parseLong(server.http.post("/api/v1/buyers", server.adminToken,
        Fixtures.buyer("县第一中学食堂")).body().getString("id"));
  }

  /** 银行存款 of the cooperative: a settlement's debit side. */
  static AccountRef bank(long coopId) {
    return AccountRef.of(coopId, ChartAccount.BANK_DEPOSIT);
  }

  static AccountRef revenue(long coopId) {
    return AccountRef.of(coopId, ChartAccount.OPERATING_REVENUE);
  }

  static EntryDraft settlement(String ref, long amountFen) {
    return new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 42, ref, coop, SETTLED_ON, 1, "500 公斤 葡萄",
        List.of(new Posting(bank(coop), amountFen), new Posting(revenue(coop), -amountFen)));
  }

  static PostedEntry post(EntryDraft draft) {
    return db.transactionResult(c -> ledger.post(c.dsl(), draft));
  }

  /** The member's 应付剩余盈余 sub-account in the cooperative. */
  static AccountRef payable(long householdId) {
    return AccountRef.member(coop, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, householdId);
  }

  static long balance(AccountRef ref) {
    Long id = db.select(LEDGER_ACCOUNT.ID).from(LEDGER_ACCOUNT)
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(ref.cooperativeId()), LEDGER_ACCOUNT.CHART_CODE.eq(ref.account().code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(ref.householdId())).fetchOne(LEDGER_ACCOUNT.ID);
    return id == null ? 0 : new LedgerQueries().balance(db, id, null);
  }

  static List<Integer> rowCounts() {
    return List.of(db.fetchCount(LEDGER_ENTRY), db.fetchCount(LEDGER_POSTING), db.fetchCount(LEDGER_ACCOUNT),
        db.fetchCount(LEDGER_CHAIN));
  }

  static void assertRefused(EntryDraft draft, String field) {
    List<Integer> before = rowCounts();
    assertThatThrownBy(() -> post(draft)).isInstanceOf(Problem.class)
        .satisfies(e -> {
          assertThat(((Problem) e).status()).isEqualTo(422);
          assertThat(((Problem) e).field()).isEqualTo(field);
        });
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void given_an_unbalanced_entry_when_posted_then_it_is_refused_and_nothing_is_written() {
    long newCoop = coop + 1_000_000; // an account that would be created on first use: must not be
    assertRefused(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 7, "unbalanced-1", newCoop, SETTLED_ON, 1, null,
        List.of(new Posting(bank(newCoop), 600_000), new Posting(revenue(newCoop), -599_999))), "postings");
  }

  @Test
  void given_an_entry_touching_another_cooperatives_account_when_posted_then_refused_naming_the_posting() {
    long otherCoop = coop + 1_000_001; // each cooperative's book stands on its own
    assertRefused(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 7, "cross-book-1", coop, SETTLED_ON, 1,
        null, List.of(new Posting(bank(coop), 600_000), new Posting(revenue(otherCoop), -600_000))),
        "postings[1].account");
  }

  @Test
  void given_a_zero_posting_or_a_single_posting_when_posted_then_refused_and_nothing_written() {
    assertRefused(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 7, "zero-1", coop, SETTLED_ON, 1, null,
        List.of(new Posting(bank(coop), 0), new Posting(revenue(coop), 0))), "postings[0].amountFen");
    assertRefused(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 7, "single-1", coop, SETTLED_ON, 1, null,
        List.of(new Posting(bank(coop), 600_000))), "postings");
    assertRefused(new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 7, "overflow-1", coop, SETTLED_ON, 1, null,
        List.of(new Posting(bank(coop), Long.MAX_VALUE), new Posting(bank(coop), 1),
            new Posting(revenue(coop), Long.MIN_VALUE))), "postings");
  }

  @Test
  void given_a_posted_settlement_when_the_same_ref_is_posted_again_then_one_entry_and_alreadyPosted() {
    long before = balance(revenue(coop));
    PostedEntry first = post(settlement("order-settlement:seq-1", 600_000));
    PostedEntry again = post(settlement("order-settlement:seq-1", 600_000));

    assertThat(first.alreadyPosted()).isFalse();
    assertThat(again.alreadyPosted()).isTrue();
    assertThat(again.entryId()).isEqualTo(first.entryId());
    assertThat(db.fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("order-settlement:seq-1"))).isEqualTo(1);
    assertThat(balance(revenue(coop))).isEqualTo(before - 600_000);
  }

  @Test
  void given_a_posted_ref_when_posted_again_with_other_content_then_422_and_nothing_written() {
    post(settlement("order-settlement:conflict", 600_000));
    List<Integer> before = rowCounts();
    assertThatThrownBy(() -> post(settlement("order-settlement:conflict", 599_000)))
        .isInstanceOf(Problem.class).satisfies(e -> assertThat(((Problem) e).status()).isEqualTo(422));
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void given_16_threads_posting_one_ref_at_once_then_exactly_one_entry() throws Exception {
    long before = balance(revenue(coop));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<PostedEntry>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Callable<PostedEntry> task = () -> {
        gate.await();
        return post(settlement("order-settlement:race", 600_000));
      };
      results.add(pool.submit(task));
    }
    gate.countDown();
    Set<Long> entryIds = ConcurrentHashMap.newKeySet();
    int fresh = 0;
    for (Future<PostedEntry> result : results) {
      PostedEntry entry = result.get(60, TimeUnit.SECONDS);
      entryIds.add(entry.entryId());
      fresh += entry.alreadyPosted() ? 0 : 1;
    }
    pool.shutdown();

    assertThat(entryIds).hasSize(1);
    assertThat(fresh).isEqualTo(1);
    assertThat(db.fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("order-settlement:race"))).isEqualTo(1);
    assertThat(balance(revenue(coop))).isEqualTo(before - 600_000);
  }

  @Test
  void given_a_posted_entry_when_reversed_then_balances_are_restored_and_it_cannot_be_reversed_twice() {
    long buyerBefore = balance(bank(coop));
    long coopBefore = balance(revenue(coop));
    PostedEntry original = post(settlement("order-settlement:to-reverse", 600_000));
    assertThat(balance(revenue(coop))).isEqualTo(coopBefore - 600_000);

    PostedEntry reversal = db.transactionResult(c -> ledger.reverse(c.dsl(), original.entryId(),
        "reversal:" + original.entryId(), SETTLED_ON.plusDays(1), 1, "wrong weight"));
    PostedEntry sameAgain = db.transactionResult(c -> ledger.reverse(c.dsl(), original.entryId(),
        "reversal:" + original.entryId(), SETTLED_ON.plusDays(1), 1, "wrong weight"));

    assertThat(balance(bank(coop))).isEqualTo(buyerBefore);
    assertThat(balance(revenue(coop))).isEqualTo(coopBefore);
    assertThat(sameAgain.alreadyPosted()).isTrue();
    assertThat(sameAgain.entryId()).isEqualTo(reversal.entryId());
    assertThat(db.select(LEDGER_ENTRY.REVERSES_ENTRY_ID).from(LEDGER_ENTRY)
        .where(LEDGER_ENTRY.ID.eq(reversal.entryId())).fetchOne().value1()).isEqualTo(original.entryId());
    assertThatThrownBy(() -> db.transactionResult(c -> ledger.reverse(c.dsl(), original.entryId(),
        "reversal-again:" + original.entryId(), SETTLED_ON.plusDays(2), 1, "twice")))
        .isInstanceOf(Problem.class).satisfies(e -> assertThat(((Problem) e).status()).isEqualTo(409));
    assertThatThrownBy(() -> db.transactionResult(c -> ledger.reverse(c.dsl(), reversal.entryId(),
        "reversal:" + reversal.entryId(), SETTLED_ON.plusDays(2), 1, "undo the undo")))
        .isInstanceOf(Problem.class).satisfies(e -> assertThat(((Problem) e).status()).isEqualTo(422));
  }

  @Test
  void given_a_distribution_of_5000_household_lines_when_posted_then_one_entry_with_every_line() {
    // 60% of a 300,000 元 surplus to 5,000 households: 3,600 fen each
    List<Posting> postings = new ArrayList<>();
    postings.add(new Posting(AccountRef.of(coop, ChartAccount.SURPLUS_DISTRIBUTION),
        5_000L * 3_600));
    for (long h = 1; h <= 5_000; h++) {
      postings.add(new Posting(payable(900_000 + h), -3_600));
    }
    PostedEntry entry = post(new EntryDraft(EntryKind.DISTRIBUTION, ReferenceType.DISTRIBUTION_RUN, 77, "distribution:77", coop,
        LocalDate.of(2026, 12, 31), 1, null, postings));

    assertThat(db.fetchCount(LEDGER_POSTING, LEDGER_POSTING.ENTRY_ID.eq(entry.entryId()))).isEqualTo(5_001);
    assertThat(balance(payable(903_333))).isEqualTo(-3_600);
    assertThat(post(new EntryDraft(EntryKind.DISTRIBUTION, ReferenceType.DISTRIBUTION_RUN, 77, "distribution:77", coop,
        LocalDate.of(2026, 12, 31), 1, null, postings)).alreadyPosted()).isTrue();
  }

  @Test
  void given_two_instances_and_a_rolled_back_posting_interleaving_on_one_cooperative_then_the_chain_stays_whole() {
    long seqBefore = chainSeq();
    try (TestServer second = server.secondInstance()) {
      JournalPoster other = second.server().ledger();
      DSLContext otherDb = second.server().database().dsl();

      post(settlement("chain:first-instance-1", 1_000));
      // the second instance moves the head: the first instance's remembered head is now stale
      otherDb.transactionResult(c -> other.post(c.dsl(), settlement("chain:second-instance-1", 2_000)));
      // a caller that fails after posting: its claim on the head rolls back with it
      assertThatThrownBy(() -> db.transaction(c -> {
        ledger.post(c.dsl(), settlement("chain:rolled-back", 3_000));
        throw new IllegalStateException("the caller fails after posting");
      })).hasMessageContaining("the caller fails after posting");
      // the first instance now remembers a head that never committed
      post(settlement("chain:first-instance-2", 4_000));
      otherDb.transactionResult(c -> other.post(c.dsl(), settlement("chain:second-instance-2", 5_000)));
    }

    assertThat(chainSeq()).isEqualTo(seqBefore + 4);
    assertThat(db.fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("chain:rolled-back"))).isZero();
    assertThat(db.select(LEDGER_ENTRY.CHAIN_SEQ).from(LEDGER_ENTRY)
        .where(LEDGER_ENTRY.COOPERATIVE_ID.eq(coop), LEDGER_ENTRY.CHAIN_SEQ.gt(seqBefore))
        .orderBy(LEDGER_ENTRY.CHAIN_SEQ).fetch(LEDGER_ENTRY.CHAIN_SEQ))
        .containsExactly(seqBefore + 1, seqBefore + 2, seqBefore + 3, seqBefore + 4);
    var verified = server.http.get("/api/v1/ledger/verify", server.adminToken).body();
    assertThat(verified.getBoolean("ok")).as(verified.encode()).isTrue();
  }

  static long chainSeq() {
    Long seq = db.select(LEDGER_CHAIN.LAST_SEQ).from(LEDGER_CHAIN).where(LEDGER_CHAIN.COOPERATIVE_ID.eq(coop))
        .fetchOne(LEDGER_CHAIN.LAST_SEQ);
    return seq == null ? 0 : seq;
  }

  @Test
  void given_8_distributions_racing_to_create_the_same_1000_household_accounts_then_each_exists_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<PostedEntry>> results = new ArrayList<>();
    for (int run = 0; run < 8; run++) {
      String ref = "distribution:race-" + run;
      results.add(pool.submit(() -> {
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(AccountRef.of(coop, ChartAccount.SURPLUS_DISTRIBUTION),
            1_000L * 3_600));
        for (long h = 1; h <= 1_000; h++) {
          postings.add(new Posting(payable(700_000 + h), -3_600));
        }
        gate.await();
        return post(new EntryDraft(EntryKind.DISTRIBUTION, ReferenceType.DISTRIBUTION_RUN, 78, ref, coop, LocalDate.of(2026, 12, 31), 1,
            null, postings));
      }));
    }
    gate.countDown();
    for (Future<PostedEntry> result : results) {
      assertThat(result.get(60, TimeUnit.SECONDS).alreadyPosted()).isFalse();
    }
    pool.shutdown();

    assertThat(db.fetchCount(LEDGER_ACCOUNT, LEDGER_ACCOUNT.COOPERATIVE_ID.eq(coop),
        LEDGER_ACCOUNT.HOUSEHOLD_ID.between(700_001L, 701_000L))).isEqualTo(1_000);
    assertThat(balance(payable(700_500))).isEqualTo(-8 * 3_600);
  }

  @Test
  void given_postings_when_the_trial_balance_is_read_then_debits_equal_credits() {
    post(settlement("order-settlement:tb", 600_000));
    Http.Response response = server.http.get("/api/v1/ledger/trial-balance", server.adminToken);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().getBoolean("balanced")).isTrue();
    assertThat(response.body().getLong("totalDebitFen")).isEqualTo(response.body().getLong("totalCreditFen"))
        .isGreaterThanOrEqualTo(600_000L);
  }
}
