package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.Posting;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 4: a randomized sequence of money events — platform settlements, off-platform income,
 * costs of every category and payment, members' contributions, 交售 bought from members, payments of
 * what is owed, distribution runs over random periods and their payouts — keeps every entry balanced,
 * the trial balance at 0, the balance sheet balanced and the surplus statement reconciled after every
 * step; each account holds exactly what the events put there (rebates by 交售 on 应付盈余返还, the rest
 * on 应付剩余盈余); every yuan of income is distributed at most once (what the posted runs took plus
 * what a fresh draft would take is all the income there is); 结账 carries income less cost into
 * 盈余分配; and the closed year then refuses every kind of event. The seed is printed in every
 * assertion so a failure replays.
 */
class BookPropertyTest {
  @ClassServer static TestServer server;
  /** The business day the test started on: the year being booked (closing it moves the clock past its end). */
  private static java.time.LocalDate started;

  private static java.time.LocalDate startDay() {
    if (started == null) {
      started = server.today();
    }
    return started;
  }

  static final long SEED = Long.getLong("book.seed", 20_261_203L);
  static final int STEPS = 60;
  static final String[] INCOME = {"OFF_PLATFORM_SALES", "SUBSIDY", "PV_GRID", "SERVICE", "OTHER"};
  static final String[] COST = {"OPERATION_MAINTENANCE", "MEMBER_PRODUCE", "LAND_RENT", "WAGES",
      "PUBLIC_WELFARE_POST", "MATERIALS", "TRANSPORT", "ADMIN", "OTHER"};
  static final String RULES = "coop-surplus-60";
  static final String[] PAID = {"BANK", "CASH", "PAYABLE"};
  static final String[] KIND = {"CAPITAL", "FISCAL_QUANTIFIED", "DONATED_QUANTIFIED"};

  final Random random = new Random(SEED);
  final Map<String, Long> model = new HashMap<>();
  /** Posted runs not yet paid out: their allocations. */
  final java.util.Deque<JsonObject> unpaid = new java.util.ArrayDeque<>();
  long distributedRevenueFen;

  @Test
  void given_a_random_year_of_money_events_then_the_book_balances_after_each_and_the_closed_year_refuses_entries() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村综合合作社", 3);
    long coopId = Long.parseLong(coop.id);
    int year = startDay().getYear();
    long surplus = 0;
    for (int step = 0; step < STEPS; step++) {
      String context = "seed " + SEED + " step " + step;
      String date = startDay().withDayOfYear(1 + random.nextInt(startDay().getDayOfYear())).toString();
      long fen = 1 + random.nextInt(2_000_000);
      switch (random.nextInt(8)) {
        case 0 -> {
          String category = INCOME[random.nextInt(INCOME.length)];
          String into = random.nextBoolean() ? "BANK" : "CASH";
          created(coop.income(fen, category, date, into), context);
          expect(into.equals("BANK") ? "102" : "101", fen);
          expect(BookCategories.IncomeCategory.valueOf(category).account().code(), -fen);
          surplus += fen;
        }
        case 1 -> {
          String category = COST[random.nextInt(COST.length)];
          String paid = PAID[random.nextInt(PAID.length)];
          created(coop.cost(fen, category, date, paid), context);
          expect(BookCategories.CostCategory.valueOf(category).account().code(), fen);
          expect(BookCategories.PaidFrom.valueOf(paid).account(BookCategories.CostCategory.valueOf(category)).code(),
              -fen);
          surplus -= fen;
        }
        case 2 -> {
          String member = coop.members.get(random.nextInt(coop.members.size()));
          String kind = KIND[random.nextInt(KIND.length)];
          created(coop.contribution(member, fen, date, kind), context);
          expect("102", fen);
          expect(kind.equals("CAPITAL") ? "301:" + member : "311", -fen);
        }
        case 3 -> {
          // a platform order settled: what OrderTransitions posts (银行存款 / 经营收入)
          long order = 9_000_000L + SEED % 1_000 * 1_000 + step;
          server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(), new EntryDraft(
              EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, order, "order-settlement:" + order, coopId,
              LocalDate.parse(date), 1, "property settlement", List.of(
                  new Posting(AccountRef.of(coopId, ChartAccount.BANK_DEPOSIT), fen),
                  new Posting(AccountRef.of(coopId, ChartAccount.OPERATING_REVENUE), -fen)))));
          expect("102", fen);
          expect("501", -fen);
          surplus += fen;
        }
        case 4 -> surplus -= purchase(coop, fen, date, context);
        case 5 -> {
          if (!pay(coop, date, context)) {
            surplus -= purchase(coop, fen, date, context);
          }
        }
        case 6 -> distribute(coop, context);
        default -> {
          if (unpaid.isEmpty()) {
            distribute(coop, context);
          } else {
            payOut(coop, context);
          }
        }
      }
      assertStatements(coop, context);
      coop.assertBalanced(context);
      assertThat(nonZero(coop.balances())).as(context + ": every account holds what the events put there")
          .isEqualTo(nonZero(model));
    }

    JsonObject rest = coop.draft(RULES, year + "-01-01", startDay().toString());
    assertThat(distributedRevenueFen + rest.getLong("revenueFen")).as("seed " + SEED + ": every yuan of income is"
        + " distributed once or still undistributed").isEqualTo(surplusIncome(coop));

    server.passDaysUntilAfter(LocalDate.of(year, 12, 31));
    long distributedPools = model.getOrDefault("332", 0L);
    Http.Response closed = coop.close(year);
    assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    assertThat(closed.body().getLong("surplusFen")).as("seed " + SEED + ": income less cost").isEqualTo(surplus);
    coop.assertBalanced("seed " + SEED + " after 结账");
    Map<String, Long> after = coop.balances();
    for (String code : List.of("501", "502", "521", "522", "529", "331")) {
      assertThat(after.getOrDefault(code, 0L)).as("seed " + SEED + ": " + code + " after 结账").isZero();
    }
    assertThat(after.getOrDefault("332", 0L)).as("盈余分配: the year's surplus less what the runs distributed")
        .isEqualTo(distributedPools - surplus);
    assertStatements(coop, "seed " + SEED + " after 结账");

    String inClosedYear = LocalDate.of(year, 12, 31).toString();
    Map<String, Long> before = coop.balances();
    for (Http.Response refused : List.of(coop.income(1_000, "OTHER", inClosedYear, "BANK"),
        coop.cost(1_000, "OTHER", inClosedYear, "BANK"),
        coop.contribution(coop.members.get(0), 1_000, inClosedYear, "CAPITAL"))) {
      assertThat(refused.status()).as(refused.text()).isEqualTo(409);
      assertThat(refused.body().getString("field")).isEqualTo("date");
    }
    assertThat(coop.balances()).as("a refused event writes nothing").isEqualTo(before);
  }

  /** 交售 bought from a random member: the member is owed it on 成员往来, and it is a cost. */
  private long purchase(CooperativeBook coop, long fen, String date, String context) {
    String member = coop.members.get(random.nextInt(coop.members.size()));
    created(coop.purchase(member, 1 + random.nextInt(1_000), fen, date), context);
    expect("521", fen);
    expect("114:" + member, -fen);
    return fen;
  }

  /** Pays part of a random payable the model says is owed; false when nothing is owed. */
  private boolean pay(CooperativeBook coop, String date, String context) {
    List<String> owed = model.entrySet().stream()
        .filter(e -> (e.getKey().equals("211") || e.getKey().equals("212") || e.getKey().startsWith("114:"))
            && e.getValue() < 0)
        .map(Map.Entry::getKey).sorted().toList();
    if (owed.isEmpty()) {
      return false;
    }
    String account = owed.get(random.nextInt(owed.size()));
    long fen = 1 + (long) (random.nextDouble() * -model.get(account));
    String from = random.nextBoolean() ? "BANK" : "CASH";
    String payable = account.equals("211") ? "PAYABLE" : account.equals("212") ? "WAGES" : "MEMBER_CURRENT";
    String household = account.startsWith("114:") ? account.substring(4) : null;
    created(coop.payment(payable, household, fen, date, from), context);
    expect(account, fen);
    expect(from.equals("BANK") ? "102" : "101", -fen);
    // paying more than is left is refused and writes nothing
    Http.Response over = coop.payment(payable, household, -model.get(account) + 1, date, from);
    assertThat(over.status()).as(context + " overpayment " + over.text()).isEqualTo(409);
    return true;
  }

  /** Drafts coop-surplus-60 over the year up to a random day; posts it when it has a pool. */
  private void distribute(CooperativeBook coop, String context) {
    int year = startDay().getYear();
    LocalDate end = startDay().withDayOfYear(1 + random.nextInt(Math.max(1, startDay().getDayOfYear() - 1)));
    JsonObject draft = coop.draft(RULES, year + "-01-01", end.toString());
    if (draft.getLong("poolFen") == 0) {
      return;
    }
    JsonObject run = coop.post(draft.getString("id"), end.toString());
    distributedRevenueFen += run.getLong("revenueFen");
    expect("332", run.getLong("poolFen"));
    for (Object o : run.getJsonArray("allocations")) {
      JsonObject line = (JsonObject) o;
      long fen = line.getLong("amountFen");
      if (fen != 0) {
        expect(account(line), -fen);
      }
    }
    unpaid.add(run);
    assertThat(distributedRevenueFen).as(context + ": never more distributed than earned")
        .isLessThanOrEqualTo(surplusIncome(coop));
  }

  /** The oldest unpaid run is paid out: its members' payables leave the bank. */
  private void payOut(CooperativeBook coop, String context) {
    JsonObject run = unpaid.poll();
    Http.Response paid = coop.paid(run.getString("id"), server.today().toString());
    assertThat(paid.status()).as(context + " " + paid.text()).isEqualTo(200);
    for (Object o : run.getJsonArray("allocations")) {
      JsonObject line = (JsonObject) o;
      if (line.getString("householdId") != null && line.getLong("amountFen") != 0) {
        expect(account(line), line.getLong("amountFen"));
        expect("102", -line.getLong("amountFen"));
      }
    }
  }

  /** Where a run line is credited: a member's rebate by 交售 (221) or its other share (222), or a fixed account. */
  private static String account(JsonObject line) {
    String household = line.getString("householdId");
    if (household != null) {
      return ("DELIVERY_VALUE".equals(line.getString("basis")) ? "221:" : "222:") + household;
    }
    return switch (line.getString("recipient")) {
      case "PROVIDENT_FUND" -> "322";
      default -> "211";
    };
  }

  /** Income of the year so far as the surplus statement reads it from the book. */
  private static long surplusIncome(CooperativeBook coop) {
    return coop.report("surplus?year=" + startDay().getYear()).getLong("revenueFen");
  }

  /**
   * The balance sheet as of today balances, and its assets are the asset accounts' balances (成员往来
   * owed to members shown as a liability instead); the surplus statement of the year reconciles.
   */
  private void assertStatements(CooperativeBook coop, String context) {
    JsonObject sheet = coop.report("balance-sheet?date=" + server.today());
    assertThat(sheet.getBoolean("balanced")).as(context + ": balance sheet").isTrue();
    long owedToMembers = sheet.getJsonArray("liabilities").stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("code").equals("114")).mapToLong(l -> l.getLong("amountFen")).sum();
    assertThat(sheet.getLong("totalAssetsFen") - owedToMembers).as(context + ": assets against the accounts")
        .isEqualTo(coop.byClass().getOrDefault("ASSET", 0L));
    JsonObject statement = coop.report("surplus?year=" + startDay().getYear());
    assertThat(statement.getBoolean("reconciled")).as(context + ": surplus statement").isTrue();
  }

  private void expect(String account, long fen) {
    model.merge(account, fen, Long::sum);
  }

  private static Map<String, Long> nonZero(Map<String, Long> balances) {
    Map<String, Long> kept = new HashMap<>();
    balances.forEach((k, v) -> {
      if (v != 0) {
        kept.put(k, v);
      }
    });
    return kept;
  }

  private static void created(Http.Response response, String context) {
    assertThat(response.status()).as(context + " " + response.text()).isEqualTo(201);
  }
}
