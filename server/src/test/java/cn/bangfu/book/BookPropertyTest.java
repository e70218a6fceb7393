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
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 4: a randomized sequence of money events — platform settlements, off-platform income,
 * costs of every category and payment, members' contributions — keeps every entry balanced, the trial
 * balance at 0 and assets = liabilities + equity (+ the open year's surplus) after every step; each
 * account holds exactly what the events put there; 结账 carries income less cost into 盈余分配; and the
 * closed year then refuses every kind of event. The seed is printed in every assertion so a failure
 * replays.
 */
class BookPropertyTest {
  @ClassServer static TestServer server;

  static final long SEED = Long.getLong("book.seed", 20_261_203L);
  static final int STEPS = 60;
  static final String[] INCOME = {"OFF_PLATFORM_SALES", "SUBSIDY", "PV_GRID", "SERVICE", "OTHER"};
  static final String[] COST = {"OPERATION_MAINTENANCE", "MEMBER_PRODUCE", "LAND_RENT", "WAGES", "MATERIALS",
      "TRANSPORT", "ADMIN", "OTHER"};
  static final String[] PAID = {"BANK", "CASH", "PAYABLE"};
  static final String[] KIND = {"CAPITAL", "FISCAL_QUANTIFIED", "DONATED_QUANTIFIED"};

  final Random random = new Random(SEED);
  final Map<String, Long> model = new HashMap<>();

  @Test
  void given_a_random_year_of_money_events_then_the_book_balances_after_each_and_the_closed_year_refuses_entries() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村综合合作社", 3);
    long coopId = Long.parseLong(coop.id);
    int year = server.today().getYear();
    long surplus = 0;
    for (int step = 0; step < STEPS; step++) {
      String context = "seed " + SEED + " step " + step;
      String date = server.today().withDayOfYear(1 + random.nextInt(server.today().getDayOfYear())).toString();
      long fen = 1 + random.nextInt(2_000_000);
      switch (random.nextInt(4)) {
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
        default -> {
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
      }
      coop.assertBalanced(context);
      assertThat(nonZero(coop.balances())).as(context + ": every account holds what the events put there")
          .isEqualTo(nonZero(model));
    }

    server.clock().advance(Duration.ofDays(LocalDate.of(year, 12, 31).toEpochDay() - server.today().toEpochDay() + 1));
    Http.Response closed = coop.close(year);
    assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    assertThat(closed.body().getLong("surplusFen")).as("seed " + SEED + ": income less cost").isEqualTo(surplus);
    coop.assertBalanced("seed " + SEED + " after 结账");
    Map<String, Long> after = coop.balances();
    for (String code : List.of("501", "502", "521", "522", "529", "331")) {
      assertThat(after.getOrDefault(code, 0L)).as("seed " + SEED + ": " + code + " after 结账").isZero();
    }
    assertThat(after.getOrDefault("332", 0L)).as("盈余分配").isEqualTo(-surplus);

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
