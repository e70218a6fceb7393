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
import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.PaidFrom;
import cn.bangfu.book.BookService;
import cn.bangfu.registry.RegistryCommands.NewDelivery;
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
    public void playMarketYear(int port, java.time.LocalDate today) {
      new DemoMarket(port, today).play(cooperativeId, schoolId);
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
      // grapes delivered at 12 元/公斤
      long kilograms = 200 + random.nextInt(800);
      await(registry.recordDelivery(accountant, coop.getId(), new NewDelivery(household.getId(), "葡萄",
          BigDecimal.valueOf(kilograms), Unit.KG, kilograms * 1200, LocalDate.of(2026, 8, 10 + random.nextInt(20)))));
      if (capacity != LaborCapacity.NONE) {
        // paid 120 元 a day: one person of the household employed (the 100+1+1 check counts persons paid a wage)
        long days = 5 + random.nextInt(40);
        await(registry.recordLabor(accountant, coop.getId(), new NewLabor(household.getId(),
            BigDecimal.valueOf(days), LocalDate.of(2026, 9, 1), "葡萄园管护", days * 12_000, 1)));
      }
    }
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

  private static void createUser(IdentityService identity, String username, Role role, String scopeId) {
    await(identity.createUser(username, PASSWORD, role, scopeId));
  }

  /**
   * The demo users and how to sign in, on the port the server actually listens on: printed only once
   * the server listens, because LEDGER_HTTP_PORT (or 0 for a free port) decides it, not a fixed 8080.
   */
  public static String signInText(int port) {
    return "\n  Demo users (password " + PASSWORD + "): cenfeng-coop (COOP), school-canteen and"
        + " qingjiu-buyer (BUYER), county-regulator (REGULATOR 522626), household-yang (HOUSEHOLD 杨启宇)."
        + "\n  Sign in: curl -s localhost:" + port + "/api/v1/auth/token -H 'Content-Type: application/json'"
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
