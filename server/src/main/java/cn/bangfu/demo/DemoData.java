package cn.bangfu.demo;

import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.identity.IdentityService;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.BuyerKind;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.registry.PairingForm;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.registry.IdentityNumber;
import cn.bangfu.registry.RegistryCommands.NewBuyer;
import cn.bangfu.registry.RegistryCommands.NewCooperative;
import cn.bangfu.book.BookCategories.ContributionKind;
import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.book.BookCategories.MoneyAccount;
import cn.bangfu.book.BookCategories.PaidFrom;
import cn.bangfu.book.BookCategories.Payable;
import cn.bangfu.book.BookService;
import cn.bangfu.registry.RegistryCommands.NewHousehold;
import cn.bangfu.registry.RegistryCommands.NewLabor;
import cn.bangfu.registry.RegistryCommands.NewMembership;
import cn.bangfu.registry.RegistryCommands.NewPairing;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.registry.Unit;
import cn.bangfu.registry.Uscc;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data from seed 001: 贵州省岑巩县思旸镇岑丰村 grows contract grapes on 450 亩 through a
 * "合作社+基地+农户" cooperative, selling at 12 元/公斤 and lifting 30-odd poor households (110+
 * people); 贵州青酒集团 signed a supply contract and the county school canteen buys under 以购代捐.
 * Loaded once: a second start finds the cooperative and leaves everything as it is.
 *
 * <p>Its book (issue 13): founded in December 2025 with members' 股金 and the fiscal funds quantified
 * to poor households, a founding cost, and 2025 closed (结账); in 2026 the grapes are bought from the
 * members at 12 元/公斤 (交售) and paid for, sold to the winery at 15 元/公斤, with a 产业 subsidy,
 * materials, cold-chain transport, public-welfare-post pay and land rent, so the statements show a
 * real cooperative's year. The distribution and its payout are played by {@link DemoMarket}.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  static final String VILLAGE = "522626100201";
  static final String COOP_USCC = Uscc.withCheckCode("93522626MA6CF0001");
  static final String PASSWORD = "demo-password-2026";
  private static final String[] SURNAMES = {"杨", "吴", "龙", "姚", "刘", "张", "胡", "罗", "田", "彭"};
  private static final String[] GIVEN = {"启宇", "秀英", "明华", "德胜", "春兰", "国强", "玉梅", "正光", "小红", "文军",
      "金花", "建平", "光辉", "桂芝", "永福", "海燕"};

  private DemoData() {
  }

  /** Ids the market year needs, or null when the demo was loaded on an earlier start. */
  public record Loaded(String cooperativeId, String schoolId) {
    public void playMarketYear(int port, java.time.LocalDate today, int minPublicityDays) {
      new DemoMarket(port, today, minPublicityDays).play(cooperativeId, schoolId);
    }
  }

  public static Loaded load(RegistryService registry, IdentityService identity, BookService book) {
    Principal system = new Principal(0, "demo-loader", Role.ADMIN, null);
    CooperativeRecord coop;
    try {
      coop = await(registry.registerCooperative(system,
          new NewCooperative("岑巩县思旸镇岑丰村葡萄种植专业合作社", COOP_USCC, VILLAGE)));
    } catch (Problem alreadyLoaded) {
      LOG.info("demo data already present");
      return null;
    }
    Principal accountant = new Principal(0, "demo-loader", Role.COOP, Long.toString(coop.getId()));
    Random random = new Random(2026);
    List<HouseholdRecord> households = new ArrayList<>();
    long kilogramsBought = 0;
    // 450 亩 of contract grapes: 30 poor households with land shares plus 6 ordinary growers.
    for (int i = 0; i < 36; i++) {
      boolean poor = i < 32;
      HouseholdStatus status = i < 26 ? HouseholdStatus.REGISTERED_POOR : i < 30 ? HouseholdStatus.MONITORED
          : i < 32 ? HouseholdStatus.EXITED : HouseholdStatus.ORDINARY;
      LaborCapacity capacity = i % 11 == 5 ? LaborCapacity.NONE : i % 7 == 3 ? LaborCapacity.PARTIAL : LaborCapacity.FULL;
      String name = i == 0 ? "杨启宇" : SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length];
      String idNumber = IdentityNumber.withCheckDigit(String.format("522626%04d%02d%02d%03d",
          1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28), 100 + i));
      // the poverty register (建档立卡) is the county's, not the cooperative's: the loader enters it as admin
      HouseholdRecord household = await(registry.registerHousehold(system, new NewHousehold(name, idNumber, VILLAGE,
          2 + random.nextInt(5), capacity, status, false, status == HouseholdStatus.EXITED ? LocalDate.of(2025, 12, 31) : null,
          null)));
      households.add(household);
      BigDecimal landMu = new BigDecimal(i == 0 ? "30" : "12.5");
      List<NewMembership.Share> shares = new ArrayList<>();
      shares.add(new NewMembership.Share(ShareClass.LAND, landMu, LocalDate.of(2026, 1, 1), null));
      if (poor) {
        // fiscal funds quantified to poor households: 3,000 元 each, 1 unit = 1 元
        shares.add(new NewMembership.Share(ShareClass.FISCAL, new BigDecimal("3000"), LocalDate.of(2026, 1, 1), null));
      }
      await(registry.addMember(accountant, coop.getId(), new NewMembership(household.getId(), shares)));
      // founding (2025-12): 股金 of 500 元 a household (the founder 杨 10,000 元); 3,000 元 of fiscal funds
      // quantified to each poor household (the FISCAL share units above)
      await(book.recordContribution(accountant, coop.getId(), new BookService.NewContribution(household.getId(),
          i == 0 ? 1_000_000 : 50_000, LocalDate.of(2025, 12, 20), ContributionKind.CAPITAL)));
      if (poor) {
        await(book.recordContribution(accountant, coop.getId(), new BookService.NewContribution(household.getId(),
            300_000, LocalDate.of(2025, 12, 28), ContributionKind.FISCAL_QUANTIFIED)));
      }
      // grapes bought from the member at delivery (交售) at 12 元/公斤, paid for on 2026-09-20
      long kilograms = 200 + random.nextInt(800);
      kilogramsBought += kilograms;
      await(book.recordPurchase(accountant, coop.getId(), new BookService.NewPurchase(household.getId(), "葡萄",
          BigDecimal.valueOf(kilograms), Unit.KG, kilograms * 1200, LocalDate.of(2026, 8, 10 + random.nextInt(20)))));
      await(book.recordPayment(accountant, coop.getId(), new BookService.NewPayment(Payable.MEMBER_CURRENT,
          household.getId(), kilograms * 1200, LocalDate.of(2026, 9, 20), MoneyAccount.BANK, "葡萄收购款")));
      if (capacity != LaborCapacity.NONE) {
        // paid 120 元 a day: one person of the household employed (the 100+1+1 check counts persons paid a wage)
        long days = 5 + random.nextInt(40);
        await(registry.recordLabor(accountant, coop.getId(), new NewLabor(household.getId(),
            BigDecimal.valueOf(days), LocalDate.of(2026, 9, 1), "葡萄园管护", days * 12_000, 1)));
      }
    }
    bookTheYear(book, accountant, coop.getId(), kilogramsBought);
    await(book.recordCost(accountant, coop.getId(), new BookService.NewCost(450_000, CostCategory.MATERIALS,
        LocalDate.of(2026, 3, 15), "农资: 有机肥、果袋", PaidFrom.BANK)));
    await(book.recordCost(accountant, coop.getId(), new BookService.NewCost(180_000, CostCategory.TRANSPORT,
        LocalDate.of(2026, 9, 5), "冷链运输", PaidFrom.BANK)));

    BuyerRecord school = await(registry.registerBuyer(system, new NewBuyer("岑巩县第一中学食堂", BuyerKind.SCHOOL,
        Uscc.withCheckCode("12522626MB1780001"), "522626000000", 180_000_000L, new BigDecimal("10"))));
    BuyerRecord winery = await(registry.registerBuyer(system, new NewBuyer("贵州青酒集团有限责任公司", BuyerKind.ENTERPRISE,
        Uscc.withCheckCode("91522600MA6DJ0001"), "522600000000", 0L, BigDecimal.ZERO)));
    await(registry.pair(system, new NewPairing(school.getId(), coop.getId(), PairingForm.REGIONAL)));
    await(registry.pair(system, new NewPairing(winery.getId(), coop.getId(), PairingForm.KEY_LINK)));

    createUser(identity, "cenfeng-coop", Role.COOP, Long.toString(coop.getId()));
    createUser(identity, "school-canteen", Role.BUYER, Long.toString(school.getId()));
    createUser(identity, "qingjiu-buyer", Role.BUYER, Long.toString(winery.getId()));
    createUser(identity, "county-regulator", Role.REGULATOR, "522626");
    createUser(identity, "household-yang", Role.HOUSEHOLD, Long.toString(households.get(0).getId()));
    LOG.info("demo data loaded: cooperative {}, {} households, 2 buyers", coop.getId(), households.size());
    return new Loaded(Long.toString(coop.getId()), Long.toString(school.getId()));
  }

  /**
   * The rest of the book: the founding cost of 2025 and its 结账, then 2026's sale to the winery at 15
   * 元/公斤, a 产业 subsidy, two public-welfare posts (500 元 a month for six months, owed then paid)
   * and 20 亩 of road-side land rented at 600 元 a 亩.
   */
  private static void bookTheYear(BookService book, Principal accountant, long coop, long kilograms) {
    await(book.recordCost(accountant, coop, new BookService.NewCost(150_000, CostCategory.ADMIN,
        LocalDate.of(2025, 12, 15), "注册登记、刻制印章", PaidFrom.BANK)));
    try {
      await(book.closePeriod(accountant, coop, 2025));
    } catch (Problem notYet) {
      LOG.info("demo: 2025 not closed: {}", notYet.getMessage());
    }
    await(book.recordIncome(accountant, coop, new BookService.NewIncome(2_000_000, IncomeCategory.SUBSIDY,
        LocalDate.of(2026, 4, 20), "县农业农村局产业扶持资金", MoneyAccount.BANK)));
    await(book.recordIncome(accountant, coop, new BookService.NewIncome(kilograms * 1500,
        IncomeCategory.OFF_PLATFORM_SALES, LocalDate.of(2026, 9, 15), "贵州青酒集团 酿酒葡萄 " + kilograms + " 公斤",
        MoneyAccount.BANK)));
    await(book.recordCost(accountant, coop, new BookService.NewCost(600_000, CostCategory.PUBLIC_WELFARE_POST,
        LocalDate.of(2026, 6, 30), "公益岗（护园、保洁）2 人 × 6 个月", PaidFrom.PAYABLE)));
    await(book.recordPayment(accountant, coop, new BookService.NewPayment(Payable.WAGES, null, 600_000,
        LocalDate.of(2026, 7, 5), MoneyAccount.BANK, "公益岗工资")));
    await(book.recordCost(accountant, coop, new BookService.NewCost(1_200_000, CostCategory.LAND_RENT,
        LocalDate.of(2026, 3, 1), "路边 20 亩 × 600 元", PaidFrom.PAYABLE)));
    await(book.recordPayment(accountant, coop, new BookService.NewPayment(Payable.PAYABLE, null, 1_200_000,
        LocalDate.of(2026, 3, 10), MoneyAccount.BANK, "土地租金")));
  }

  private static void createUser(IdentityService identity, String username, Role role, String scopeId) {
    await(identity.createUser(username, PASSWORD, role, scopeId));
  }

  /**
   * The demo users and how to sign in, on the port the server actually listens on: printed only once
   * the server listens, because LEDGER_HTTP_PORT (or 0 for a free port) decides it, not a fixed 8080.
   */
  public static String signInText(int port) {
    String base = "http://localhost:" + port;
    return "\n  Demo users (password " + PASSWORD + "): cenfeng-coop (COOP), school-canteen and"
        + " qingjiu-buyer (BUYER), county-regulator (REGULATOR 522626), household-yang (HOUSEHOLD 杨启宇)."
        + "\n  Pages: open " + base + "/login in a browser and sign in as"
        + "\n    household-yang    -> " + base + "/household (the household's money, publicity, objections)"
        + "\n    cenfeng-coop      -> " + base + "/coop"
        + "\n    school-canteen    -> " + base + "/buyer"
        + "\n    county-regulator  -> " + base + "/regulator"
        + "\n  API sign-in: curl -s localhost:" + port + "/api/v1/auth/token -H 'Content-Type: application/json'"
        + " -d '{\"username\":\"cenfeng-coop\",\"password\":\"" + PASSWORD + "\"}'\n";
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("demo data load timed out", e);
    }
  }
}
