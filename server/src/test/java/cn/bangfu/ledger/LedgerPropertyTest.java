package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.platform.Problem;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded random walk over the ledger beside an in-memory model: balanced entries of 2-7 postings,
 * repeated idempotency refs, refused drafts (unbalanced, zero, single), reversals and repeated
 * reversals. After every step the trial balance is zero and every touched account's balance equals
 * the model; at the end every balance, as-of balances on several dates, and the hash chains agree.
 * The seed is printed on failure so a failing walk can be replayed.
 */
class LedgerPropertyTest {
  static final long SEED = Long.getLong("ledger.seed", 20260915L);
  static final int STEPS = Integer.getInteger("ledger.steps", 1_200);

  @ClassServer static TestServer server;
  static JournalPoster ledger;
  static LedgerQueries queries = new LedgerQueries();
  static DSLContext db;

  record ModelEntry(long entryId, String ref, EntryDraft draft, Long reverses) {
  }

  final Random random = new Random(SEED);
  final List<AccountRef> accounts = new ArrayList<>();
  final Map<AccountRef, Long> model = new HashMap<>();
  final Map<AccountRef, Long> accountIds = new HashMap<>();
  final List<ModelEntry> entries = new ArrayList<>();
  final List<ModelEntry> appliedEntries = new ArrayList<>();
  final Set<Long> reversed = new HashSet<>();
  long postingsWritten;

  @BeforeAll
  static void start() {
    ledger = server.server().ledger();
    db = server.server().database().dsl();
  }

  @Test
  void given_a_random_walk_of_thousands_of_postings_then_the_trial_balance_stays_zero_and_balances_match() {
    for (long coop = 1; coop <= 3; coop++) {
      for (ChartAccount a : List.of(ChartAccount.OPERATING_REVENUE, ChartAccount.BANK_DEPOSIT,
          ChartAccount.SURPLUS_DISTRIBUTION, ChartAccount.SURPLUS_RESERVE, ChartAccount.CASH)) {
        accounts.add(AccountRef.of(coop, a));
      }
      for (long h = 1; h <= 4; h++) {
        accounts.add(AccountRef.member(coop, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, 1_000 + h));
      }
    }

    for (int step = 0; step < STEPS; step++) {
      String context = "seed " + SEED + " step " + step;
      int dice = random.nextInt(100);
      Set<AccountRef> touched;
      if (dice < 70 || entries.isEmpty()) {
        touched = postFresh(step);
      } else if (dice < 78) {
        touched = repost(context);
      } else if (dice < 85) {
        touched = refuse(step, context);
      } else {
        touched = reverse(context);
      }
      var trial = queries.trialBalance(db);
      assertThat(trial.totalDebitFen()).as(context + " trial balance").isEqualTo(trial.totalCreditFen());
      for (AccountRef ref : touched) {
        assertThat(balance(ref, null)).as(context + " balance of " + ref).isEqualTo(model.getOrDefault(ref, 0L));
      }
    }

    assertThat(postingsWritten).as("postings written").isGreaterThan(3_000);
    for (AccountRef ref : accounts) {
      assertThat(balance(ref, null)).as("final balance of " + ref).isEqualTo(model.getOrDefault(ref, 0L));
    }
    for (LocalDate asOf : List.of(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 6, 30), LocalDate.of(2026, 9, 30))) {
      Map<AccountRef, Long> expected = new HashMap<>();
      for (ModelEntry e : appliedEntries) {
        if (!e.draft().effectiveDate().isAfter(asOf)) {
          e.draft().postings().forEach(p -> expected.merge(p.account(), p.amountFen(), Long::sum));
        }
      }
      for (AccountRef ref : accounts) {
        assertThat(balance(ref, asOf)).as("balance of " + ref + " as of " + asOf)
            .isEqualTo(expected.getOrDefault(ref, 0L));
      }
    }
    var verification = server.http.get("/api/v1/ledger/verify", server.adminToken).body();
    assertThat(verification.getBoolean("ok")).as(verification.encode()).isTrue();
    assertThat(verification.getLong("entriesChecked")).isEqualTo(appliedEntries.size());
  }

  private Set<AccountRef> postFresh(int step) {
    int n = 2 + random.nextInt(6);
    long coop = 1 + random.nextInt(3);
    List<Posting> postings = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < n - 1; i++) {
      long amount = (1 + random.nextInt(1_000_000)) * (random.nextBoolean() ? 1L : -1L);
      postings.add(new Posting(pick(coop), amount));
      sum += amount;
    }
    if (sum == 0) {
      postings.add(new Posting(pick(coop), 1));
      sum = 1;
    }
    postings.add(new Posting(pick(coop), -sum));
    EntryDraft draft = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, step, "walk:" + step, coop,
        LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365)), 1, null, postings);
    PostedEntry posted = db.transactionResult(c -> ledger.post(c.dsl(), draft));
    assertThat(posted.alreadyPosted()).isFalse();
    ModelEntry entry = new ModelEntry(posted.entryId(), draft.idempotencyRef(), draft, null);
    entries.add(entry);
    return apply(entry);
  }

  private Set<AccountRef> repost(String context) {
    ModelEntry earlier = entries.get(random.nextInt(entries.size()));
    PostedEntry again = earlier.reverses() == null
        ? db.transactionResult(c -> ledger.post(c.dsl(), earlier.draft()))
        : db.transactionResult(c -> ledger.reverse(c.dsl(), earlier.reverses(), earlier.ref(),
            earlier.draft().effectiveDate(), 1, "correction"));
    assertThat(again.alreadyPosted()).as(context).isTrue();
    assertThat(again.entryId()).as(context).isEqualTo(earlier.entryId());
    return touched(earlier.draft());
  }

  private Set<AccountRef> refuse(int step, String context) {
    AccountRef a = pick(1);
    AccountRef b = pick(1);
    long amount = 1 + random.nextInt(1_000_000);
    List<Posting> bad = switch (random.nextInt(3)) {
      case 0 -> List.of(new Posting(a, amount), new Posting(b, -amount + 1));
      case 1 -> List.of(new Posting(a, amount), new Posting(b, 0), new Posting(a, -amount));
      default -> List.of(new Posting(a, amount));
    };
    EntryDraft draft = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, step, "refused:" + step, 1,
        LocalDate.of(2026, 5, 1), 1, null, bad);
    assertThatThrownBy(() -> db.transactionResult(c -> ledger.post(c.dsl(), draft))).as(context)
        .isInstanceOf(Problem.class);
    return new HashSet<>(List.of(a, b));
  }

  private Set<AccountRef> reverse(String context) {
    ModelEntry target = entries.get(random.nextInt(entries.size()));
    if (target.draft().kind() == EntryKind.REVERSAL) {
      return Set.of();
    }
    if (reversed.contains(target.entryId())) {
      assertThatThrownBy(() -> db.transactionResult(c -> ledger.reverse(c.dsl(), target.entryId(),
          "reversal-again:" + target.entryId() + ":" + random.nextInt(), LocalDate.of(2026, 12, 31), 1, null)))
          .as(context).isInstanceOf(Problem.class);
      return touched(target.draft());
    }
    LocalDate on = target.draft().effectiveDate().plusDays(random.nextInt(30));
    PostedEntry posted = db.transactionResult(c -> ledger.reverse(c.dsl(), target.entryId(),
        "reversal:" + target.entryId(), on, 1, "correction"));
    reversed.add(target.entryId());
    List<Posting> negated = target.draft().postings().stream()
        .map(p -> new Posting(p.account(), -p.amountFen())).toList();
    EntryDraft draft = new EntryDraft(EntryKind.REVERSAL, ReferenceType.ORDER, 0, "reversal:" + target.entryId(),
        target.draft().cooperativeId(), on, 1, null, negated);
    ModelEntry entry = new ModelEntry(posted.entryId(), draft.idempotencyRef(), draft, target.entryId());
    entries.add(entry);
    return apply(entry);
  }

  private Set<AccountRef> apply(ModelEntry entry) {
    appliedEntries.add(entry);
    postingsWritten += entry.draft().postings().size();
    entry.draft().postings().forEach(p -> model.merge(p.account(), p.amountFen(), Long::sum));
    return touched(entry.draft());
  }

  private static Set<AccountRef> touched(EntryDraft draft) {
    Set<AccountRef> refs = new HashSet<>();
    draft.postings().forEach(p -> refs.add(p.account()));
    return refs;
  }

  /** An account of {@code coop}: an entry stays within one cooperative's book. */
  private AccountRef pick(long coop) {
    List<AccountRef> own = accounts.stream().filter(a -> a.cooperativeId() == coop).toList();
    return own.get(random.nextInt(own.size()));
  }

  private long balance(AccountRef ref, LocalDate asOf) {
    Long id = accountIds.computeIfAbsent(ref, r -> db.select(LEDGER_ACCOUNT.ID).from(LEDGER_ACCOUNT)
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(r.cooperativeId()), LEDGER_ACCOUNT.CHART_CODE.eq(r.account().code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(r.householdId())).fetchOne(LEDGER_ACCOUNT.ID));
    return id == null ? 0 : queries.balance(db, id, asOf);
  }
}
