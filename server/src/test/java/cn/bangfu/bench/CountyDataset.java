package cn.bangfu.bench;

import static cn.bangfu.db.Tables.PURCHASE_ORDER;

import cn.bangfu.LedgerServer;
import cn.bangfu.ledger.PostedEntry;
import cn.bangfu.platform.JdbcBatch;
import cn.bangfu.registry.BuyerKind;
import cn.bangfu.registry.Uscc;
import cn.bangfu.platform.BusinessDay;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.MemberRows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A county's registry and market for the county benchmark, generated from a fixed seed (the same
 * rows every run, for a given date) and written in JDBC batches, never one HTTP call per row.
 * Shape: cooperative sizes follow a Zipf law (exponent 0.7), so cooperative 0 is clearly the largest
 * with about 7% of the households; every household is a member of one cooperative with a share
 * holding and a delivery of its cooperative's main product, a third registered poor; buyers of
 * every kind, about a third paired (结对帮扶) with one to three cooperatives; lots of 30 products,
 * 60% of a cooperative's lots its main product, in KG or JIN, all open today with quantities no
 * benchmark run exhausts; and settled sales of the largest cooperative posted through the ledger,
 * so that its distribution run has revenue to distribute. Households are streamed cooperative by
 * cooperative, so the province option (-Dbench.county.households=2000000) needs no more memory.
 */
public final class CountyDataset {
  /** 丹寨县 (Guizhou): every cooperative and household region code starts with it. */
  static final String COUNTY = "522626";
  /** Fixed id ranges, far below the time-ordered ids the server generates, so they never meet. */
  static final long COOPERATIVE_BASE = 6_100_000_000L;
  static final long BUYER_BASE = 6_200_000_000L;
  static final long LOT_BASE = 6_300_000_000L;
  static final long PAIRING_BASE = 6_400_000_000L;
  static final long ORDER_BASE = 6_500_000_000L;
  static final long HOUSEHOLD_BASE = 10_000_000_000L;
  private static final double ZIPF_EXPONENT = 0.7;
  private static final Map<BuyerKind, String> CANTEENS = Map.of(BuyerKind.AGENCY, "机关食堂", BuyerKind.SCHOOL,
      "学校食堂", BuyerKind.HOSPITAL, "医院食堂", BuyerKind.SOE, "国有企业职工食堂", BuyerKind.ENTERPRISE, "企业食堂",
      BuyerKind.OTHER, "社会组织采购点");

  record Product(String name, long fenPerKilogram) {
  }

  /** 30 products with plausible farm-gate prices; 葡萄 at 12 元/公斤 is what the matching demand asks for. */
  static final List<Product> PRODUCTS = List.of(new Product("葡萄", 1200), new Product("猕猴桃", 1600),
      new Product("蓝莓", 6000), new Product("苹果", 800), new Product("柑橘", 500), new Product("脐橙", 700),
      new Product("李子", 900), new Product("桃", 800), new Product("梨", 600), new Product("百香果", 1400),
      new Product("火龙果", 1000), new Product("西瓜", 300), new Product("土豆", 300), new Product("红薯", 350),
      new Product("玉米", 280), new Product("大米", 600), new Product("辣椒", 1000), new Product("生姜", 900),
      new Product("大蒜", 800), new Product("白菜", 200), new Product("萝卜", 200), new Product("番茄", 500),
      new Product("茄子", 500), new Product("黄瓜", 400), new Product("香菇", 2400), new Product("木耳", 6000),
      new Product("茶叶", 20000), new Product("蜂蜜", 12000), new Product("鸡蛋", 1100), new Product("猪肉", 2800));

  final int cooperatives;
  final int households;
  final int buyers;
  final int lots;
  // the day the dataset is generated for: the benchmark server's clock starts at real time
  final LocalDate today = LocalDate.now(BusinessDay.ZONE);
  private final Random random = new Random(20261121L);
  private final int[] members;
  private final int[] mainProduct;
  private final double[] cumulativeWeight;
  /** Every lot id: all are open today, sell at a minimum of 1 unit and hold 5,000+ units. */
  final List<String> lotIds = new ArrayList<>();
  int grapeLots;
  int pairings;
  int settledOrders;
  long settledRevenueFen;

  CountyDataset(int cooperatives, int households, int buyers, int lots) {
    this.cooperatives = cooperatives;
    this.households = households;
    this.buyers = buyers;
    this.lots = lots;
    this.members = new int[cooperatives];
    this.mainProduct = new int[cooperatives];
    this.cumulativeWeight = new double[cooperatives];
    double total = 0;
    for (int c = 0; c < cooperatives; c++) {
      total += Math.pow(c + 1, -ZIPF_EXPONENT);
      cumulativeWeight[c] = total;
    }
    int assigned = 0;
    for (int c = 0; c < cooperatives; c++) {
      members[c] = (int) (households * Math.pow(c + 1, -ZIPF_EXPONENT) / total);
      assigned += members[c];
    }
    for (int c = 0; assigned < households; c = (c + 1) % cooperatives, assigned++) {
      members[c]++; // the rounding remainder, a household each from the largest down
    }
    mainProduct[0] = 0; // the largest cooperative grows grapes: its deliveries and sales are 葡萄
    for (int c = 1; c < cooperatives; c++) {
      mainProduct[c] = random.nextInt(PRODUCTS.size());
    }
  }

  /** Sizes from -Dbench.county.cooperatives|households|buyers|lots (200, 50,000, 500, 10,000). */
  static CountyDataset fromProperties() {
    return new CountyDataset(Integer.getInteger("bench.county.cooperatives", 200),
        Integer.getInteger("bench.county.households", 50_000), Integer.getInteger("bench.county.buyers", 500),
        Integer.getInteger("bench.county.lots", 10_000));
  }

  long largestCooperative() {
    return COOPERATIVE_BASE;
  }

  int largestMembers() {
    return members[0];
  }

  /** The largest cooperative's members are households HOUSEHOLD_BASE .. HOUSEHOLD_BASE + largestMembers() - 1. */
  long firstHousehold() {
    return HOUSEHOLD_BASE;
  }

  String buyerId(int buyer) {
    return Long.toString(BUYER_BASE + buyer);
  }

  /** Writes everything; prints how long it took and the row counts. */
  void load(LedgerServer server) throws Exception {
    DataSource ds = server.database().dataSource();
    long t0 = System.nanoTime();
    insertCooperatives(ds);
    long next = HOUSEHOLD_BASE;
    for (int c = 0, reported = 0; c < cooperatives; c++) {
      LocalDate joined = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(365 * 8));
      LocalDate delivered = today.withDayOfYear(1 + random.nextInt(today.getDayOfYear()));
      Product product = PRODUCTS.get(mainProduct[c]);
      MemberRows.insert(ds, new MemberRows.Cohort(COOPERATIVE_BASE + c, next, members[c], region(c), product.name(),
          product.fenPerKilogram(), joined, delivered));
      next += members[c];
      if ((next - HOUSEHOLD_BASE) * 10 / Math.max(1, households) > reported) {
        reported = (int) ((next - HOUSEHOLD_BASE) * 10 / Math.max(1, households));
        System.out.printf("  households: %,d of %,d (%d s)%n", next - HOUSEHOLD_BASE, households,
            (System.nanoTime() - t0) / 1_000_000_000L);
      }
    }
    // memberships were written directly: count them once, as the registry would have one by one
    new cn.bangfu.registry.MemberCountRepository().recount(server.database().dsl());
    insertBuyersAndPairings(ds);
    LotRows.insert(ds, lots, this::lot);
    settleSalesOfLargest(server);
    System.out.printf("county generated in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, rowCounts(ds));
  }

  /** 12 digits: the county, one of 7 townships, a village per cooperative. */
  static String region(int cooperative) {
    return String.format("%s%03d%03d", COUNTY, 100 + cooperative % 7, 200 + cooperative / 7);
  }

  private void insertCooperatives(DataSource ds) throws Exception {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO cooperative (id,"
        + " name, uscc, region_code, created_at, created_by) VALUES (?, ?, ?, ?, ?, 0)");
         JdbcBatch batch = new JdbcBatch(s, 1000)) {
      for (int coop = 0; coop < cooperatives; coop++) {
        s.setLong(1, COOPERATIVE_BASE + coop);
        s.setString(2, String.format("丹寨县%s专业合作社（%03d）", PRODUCTS.get(mainProduct[coop]).name(), coop + 1));
        s.setString(3, Uscc.withCheckCode("93" + COUNTY + String.format("MA%07d", coop)));
        s.setString(4, region(coop));
        s.setObject(5, now);
        batch.add();
      }
    }
  }

  /** Buyers: half canteens of agencies, schools and hospitals (with reserved shares), the rest firms. */
  private void insertBuyersAndPairings(DataSource ds) throws Exception {
    BuyerKind[] kinds = {BuyerKind.AGENCY, BuyerKind.AGENCY, BuyerKind.SCHOOL, BuyerKind.SCHOOL, BuyerKind.SCHOOL,
        BuyerKind.HOSPITAL, BuyerKind.SOE, BuyerKind.ENTERPRISE, BuyerKind.ENTERPRISE, BuyerKind.OTHER};
    String[] forms = {"REGIONAL", "REGIONAL", "POINT_TO_POINT", "POINT_TO_POINT", "KEY_LINK"};
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    try (Connection c = ds.getConnection();
         PreparedStatement buyer = c.prepareStatement("INSERT INTO buyer (id, name, kind, uscc, region_code,"
             + " annual_food_budget_fen, reserved_share_percent, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)");
         PreparedStatement pairing = c.prepareStatement("INSERT INTO pairing (id, buyer_id, cooperative_id, form,"
             + " created_at, created_by) VALUES (?, ?, ?, ?, ?, 0)");
         JdbcBatch buyerRows = new JdbcBatch(buyer, 1000);
         JdbcBatch pairingRows = new JdbcBatch(pairing, 1000)) {
      for (int b = 0; b < buyers; b++) {
        BuyerKind kind = kinds[random.nextInt(kinds.length)];
        boolean institution = kind == BuyerKind.AGENCY || kind == BuyerKind.SCHOOL || kind == BuyerKind.HOSPITAL;
        // 东西部协作: a third of the buyers are in the paired eastern district (Guangzhou, Tianhe).
        boolean east = random.nextInt(3) == 0;
        String county = east ? "440106" : COUNTY;
        buyer.setLong(1, BUYER_BASE + b);
        buyer.setString(2, (east ? "广州市天河区" : "丹寨县") + CANTEENS.get(kind) + (b + 1));
        buyer.setString(3, kind.name());
        buyer.setString(4, Uscc.withCheckCode((institution ? "12" : "91") + county + String.format("%09d", b)));
        buyer.setString(5, county + String.format("%03d000", 1 + random.nextInt(12)));
        buyer.setLong(6, (500_000L + random.nextInt(4_500_000)) * 100); // 50万-500万 元 a year
        buyer.setBigDecimal(7, BigDecimal.valueOf(institution ? 10 + random.nextInt(21) : random.nextInt(11)));
        buyer.setObject(8, now);
        buyerRows.add();
        if (b == 0 || random.nextInt(3) == 0) {
          // Buyer 0 places the matching benchmark's demand: paired with the largest cooperative.
          Set<Integer> paired = new LinkedHashSet<>();
          if (b == 0) {
            paired.add(0);
          }
          for (int n = 1 + random.nextInt(3); paired.size() < Math.min(n, cooperatives); ) {
            paired.add(zipfCooperative());
          }
          for (int coop : paired) {
            pairing.setLong(1, PAIRING_BASE + pairings++);
            pairing.setLong(2, BUYER_BASE + b);
            pairing.setLong(3, COOPERATIVE_BASE + coop);
            pairing.setString(4, forms[random.nextInt(forms.length)]);
            pairing.setObject(5, now);
            pairingRows.add();
          }
        }
      }
    }
  }

  /** A cooperative drawn by size: large ones have more lots and more pairings. */
  private int zipfCooperative() {
    int i = Arrays.binarySearch(cumulativeWeight, random.nextDouble() * cumulativeWeight[cooperatives - 1]);
    return Math.min(cooperatives - 1, i >= 0 ? i : -i - 1);
  }

  /** Lot i; lot 0 is a 葡萄 lot of the largest cooperative (its settled sales came from it). */
  private LotRows.Lot lot(int i) {
    int coop = i == 0 ? 0 : zipfCooperative();
    int product = i == 0 ? 0 : random.nextInt(10) < 6 ? mainProduct[coop] : random.nextInt(PRODUCTS.size());
    boolean jin = i != 0 && random.nextInt(4) == 0;
    long perKilogram = product == 0 ? PRODUCTS.get(0).fenPerKilogram()
        : PRODUCTS.get(product).fenPerKilogram() * (90 + random.nextInt(21)) / 100;
    List<String> certifications = new ArrayList<>();
    if (random.nextBoolean()) {
      certifications.add("POVERTY_PRODUCT");
    }
    if (random.nextInt(10) < 3) {
      certifications.add(random.nextInt(3) == 0 ? "ORGANIC" : "GREEN");
    }
    if (random.nextInt(10) == 0) {
      certifications.add("GEOGRAPHICAL_INDICATION");
    }
    long id = LOT_BASE + i;
    lotIds.add(Long.toString(id));
    grapeLots += product == 0 ? 1 : 0;
    return new LotRows.Lot(id, COOPERATIVE_BASE + coop, region(coop), PRODUCTS.get(product).name(),
        List.of("特级", "一级", "一级", "二级").get(random.nextInt(4)), jin ? "JIN" : "KG",
        BigDecimal.valueOf(5_000 + random.nextInt(45_001)), BigDecimal.ONE, jin ? perKilogram / 2 : perKilogram,
        today.minusDays(random.nextInt(61)), today.plusDays(20 + random.nextInt(101)), String.join(",", certifications));
  }

  /**
   * This year's settled 葡萄 sales of the largest cooperative, one per order (about one per 20
   * members, at least 50): the order row and its settlement entry, posted through the ledger in one
   * transaction as settlement does.
   */
  private void settleSalesOfLargest(LedgerServer server) {
    int count = Math.max(50, members[0] / 20);
    long coop = COOPERATIVE_BASE;
    for (int o = 0; o < count; o++) {
      long orderId = ORDER_BASE + o;
      long buyer = BUYER_BASE + random.nextInt(buyers);
      BigDecimal kilograms = BigDecimal.valueOf(500 + random.nextInt(4_501));
      long amount = kilograms.longValueExact() * PRODUCTS.get(0).fenPerKilogram();
      LocalDate settledOn = today.withDayOfYear(1 + random.nextInt(Math.max(1, today.getDayOfYear() - 1)));
      LocalDateTime placed = settledOn.minusDays(10).atTime(2, 0);
      server.database().dsl().transaction(tx -> {
        PostedEntry entry = server.ledger().post(tx.dsl(),
            DistributionSteps.settlement(orderId, buyer, coop, settledOn, amount));
        tx.dsl().insertInto(PURCHASE_ORDER).set(PURCHASE_ORDER.ID, orderId).set(PURCHASE_ORDER.COOPERATIVE_ID, coop)
            .set(PURCHASE_ORDER.BUYER_ID, buyer).set(PURCHASE_ORDER.LOT_ID, LOT_BASE)
            .set(PURCHASE_ORDER.PRODUCT, PRODUCTS.get(0).name()).set(PURCHASE_ORDER.UNIT, "KG")
            .set(PURCHASE_ORDER.QUANTITY, kilograms).set(PURCHASE_ORDER.UNIT_PRICE_FEN, PRODUCTS.get(0).fenPerKilogram())
            .set(PURCHASE_ORDER.AMOUNT_FEN, amount).set(PURCHASE_ORDER.ACCEPTED_QUANTITY, kilograms)
            .set(PURCHASE_ORDER.STATUS, cn.bangfu.orders.OrderStatus.SETTLED).set(PURCHASE_ORDER.PAYMENT_REF, "BANK-" + orderId)
            .set(PURCHASE_ORDER.SETTLED_ON, settledOn).set(PURCHASE_ORDER.LEDGER_ENTRY_ID, entry.entryId())
            .set(PURCHASE_ORDER.CREATED_AT, placed).set(PURCHASE_ORDER.CREATED_BY, 0L)
            .set(PURCHASE_ORDER.UPDATED_AT, settledOn.atTime(8, 0)).execute();
      });
      settledOrders++;
      settledRevenueFen += amount;
    }
  }

  private static String rowCounts(DataSource ds) throws Exception {
    StringBuilder counts = new StringBuilder();
    try (Connection c = ds.getConnection(); var s = c.createStatement()) {
      for (String table : List.of("cooperative", "household", "membership", "share_holding", "delivery", "buyer",
          "pairing", "lot", "purchase_order", "ledger_entry", "ledger_posting")) {
        try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          counts.append(counts.length() == 0 ? "" : ", ").append(String.format("%s %,d", table, rs.getLong(1)));
        }
      }
    }
    return counts.toString();
  }
}
