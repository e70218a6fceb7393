package cn.bangfu.matching;

import cn.bangfu.registry.Unit;
import cn.bangfu.supply.Units;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one scoring function of matching (产销对接): how well a lot fits a demand, out of 100 points,
 * with the reasons a buyer or a cooperative accountant can read. Pure: no I/O, no clock.
 *
 * <pre>
 * factor                                   points  rule
 * product                                  gate    same product name, compatible units, something left; else no match
 * price within budget                      25      lot price converted to the demand's unit ≤ maxUnitPriceFen
 * window covers deliverBy                  20      availableFrom ≤ deliverBy ≤ availableTo (10 if the window ends
 *                                                  earlier: it can still be delivered early; 0 if it opens later)
 * quantity coverage                        0..15   floor(15 × min(1, available / wanted)); 0 if the demand is below
 *                                                  the lot's minimum order
 * paired cooperative 结对帮扶              20      the buyer is paired with the lot's cooperative
 * poverty-product certification            10      the lot carries POVERTY_PRODUCT (扶贫产品认定)
 * share of poor households among members   0..10   floor(10 × poor members / members)
 * </pre>
 *
 * Ranking: score descending, then paired before unpaired (so a paired cooperative's lot is above an
 * otherwise equal one even at equal score), then lower price per demand unit, then lower lot id
 * (and, in the reverse view, lower demand id).
 */
public final class MatchScoring {
  public static final int PRICE_POINTS = 25;
  public static final int WINDOW_POINTS = 20;
  public static final int EARLY_WINDOW_POINTS = 10;
  public static final int QUANTITY_POINTS = 15;
  public static final int PAIRED_POINTS = 20;
  public static final int POVERTY_PRODUCT_POINTS = 10;
  public static final int POOR_SHARE_POINTS = 10;

  private MatchScoring() {
  }

  /** Quantities are held in thousandths of the unit ({@code quantityMilli}): scoring compares them as integers. */
  public record DemandFacts(long demandId, long buyerId, String product, long quantityMilli, Unit unit,
      long maxUnitPriceFen, LocalDate deliverBy) {

    public DemandFacts(long demandId, long buyerId, String product, BigDecimal quantity, Unit unit,
        long maxUnitPriceFen, LocalDate deliverBy) {
      this(demandId, buyerId, product, Units.milli(quantity), unit, maxUnitPriceFen, deliverBy);
    }

    public BigDecimal quantity() {
      return BigDecimal.valueOf(quantityMilli, 3);
    }
  }

  /**
   * Quantities in thousandths of the lot's unit, like {@link DemandFacts}; the window as epoch days.
   * Matching holds 100,000 of these per busy product, so they carry no objects of their own.
   */
  public record LotFacts(long lotId, long cooperativeId, String product, Unit unit, long availableMilli,
      long minOrderMilli, long unitPriceFen, long availableFromDay, long availableToDay, boolean povertyCertified) {

    public LotFacts(long lotId, long cooperativeId, String product, Unit unit, long availableMilli,
        long minOrderMilli, long unitPriceFen, LocalDate availableFrom, LocalDate availableTo,
        boolean povertyCertified) {
      this(lotId, cooperativeId, product, unit, availableMilli, minOrderMilli, unitPriceFen,
          availableFrom.toEpochDay(), availableTo.toEpochDay(), povertyCertified);
    }

    public LotFacts(long lotId, long cooperativeId, String product, Unit unit, BigDecimal availableQuantity,
        BigDecimal minOrderQuantity, long unitPriceFen, LocalDate availableFrom, LocalDate availableTo,
        boolean povertyCertified) {
      this(lotId, cooperativeId, product, unit, Units.milli(availableQuantity), Units.milli(minOrderQuantity),
          unitPriceFen, availableFrom, availableTo, povertyCertified);
    }

    public BigDecimal availableQuantity() {
      return BigDecimal.valueOf(availableMilli, 3);
    }

    public BigDecimal minOrderQuantity() {
      return BigDecimal.valueOf(minOrderMilli, 3);
    }

    public LocalDate availableFrom() {
      return LocalDate.ofEpochDay(availableFromDay);
    }

    public LocalDate availableTo() {
      return LocalDate.ofEpochDay(availableToDay);
    }
  }

  /** What matching knows of the lot's cooperative relative to the buyer. pairingForm null = not paired. */
  public record CooperativeFacts(String pairingForm, int members, int poorMembers) {
    public static final CooperativeFacts NONE = new CooperativeFacts(null, 0, 0);

    public boolean paired() {
      return pairingForm != null;
    }
  }

  /** The points of each factor; reasons are built from them only for the matches that are shown. */
  public record Score(DemandFacts demand, LotFacts lot, CooperativeFacts cooperative, BigDecimal pricePerDemandUnit,
      int price, int window, int quantity, int paired, int povertyProduct, int poorShare) {

    public int total() {
      return price + window + quantity + paired + povertyProduct + poorShare;
    }

    public List<String> reasons() {
      List<String> reasons = new ArrayList<>();
      String unit = demand.unit().name();
      reasons.add("产品一致 product matches: " + lot.product());
      String lotPrice = pricePerDemandUnit.stripTrailingZeros().toPlainString();
      reasons.add(price > 0
          ? "价格在预算内 price " + lotPrice + " fen/" + unit + " within budget " + demand.maxUnitPriceFen() + " fen/" + unit
              + " (+" + price + ")"
          : "超出预算 price " + lotPrice + " fen/" + unit + " above budget " + demand.maxUnitPriceFen() + " fen/" + unit
              + " (+0)");
      String span = lot.availableFrom() + ".." + lot.availableTo();
      if (window == WINDOW_POINTS) {
        reasons.add("供货期覆盖交货日 window " + span + " covers deliverBy " + demand.deliverBy() + " (+" + window + ")");
      } else if (window > 0) {
        reasons.add("可提前交货 window " + span + " ends before deliverBy " + demand.deliverBy() + ": deliver early (+"
            + window + ")");
      } else {
        reasons.add("供货期晚于交货日 window " + span + " opens after deliverBy " + demand.deliverBy() + " (+0)");
      }
      BigDecimal available = Units.convert(lot.availableQuantity(), lot.unit(), demand.unit());
      if (quantity == 0 && belowMinimum(demand, lot)) {
        reasons.add("低于起订量 demand is below the minimum order of " + plain(lot.minOrderQuantity()) + " "
            + lot.unit() + " (+0)");
      } else {
        reasons.add("数量覆盖 " + plain(available.min(demand.quantity())) + " of " + plain(demand.quantity()) + " "
            + unit + " available (+" + quantity + ")");
      }
      if (paired > 0) {
        reasons.add("结对帮扶 paired cooperative (" + cooperative.pairingForm() + ") (+" + paired + ")");
      }
      if (povertyProduct > 0) {
        reasons.add("扶贫产品认定 poverty-alleviation product certified (+" + povertyProduct + ")");
      }
      if (cooperative.members() > 0) {
        reasons.add("脱贫户占比 " + cooperative.poorMembers() + " of " + cooperative.members()
            + " members are poor or monitored households (+" + poorShare + ")");
      }
      return reasons;
    }
  }

  /**
   * Scores {@code lot} for {@code demand}; null when it cannot serve the demand at all (the product gate).
   * Quantities and prices compare exactly, as integers: thousandths of a unit times grams per unit
   * ({@link Units#scale}), and fen. This runs for every open lot of a product (100,000 of them for a
   * busy one), so it neither divides nor allocates decimals.
   */
  public static Score score(DemandFacts demand, LotFacts lot, CooperativeFacts cooperative) {
    if (!matches(demand, lot)) {
      return null;
    }
    return new Score(demand, lot, cooperative, Units.pricePer(lot.unitPriceFen(), lot.unit(), demand.unit()),
        pricePoints(demand, lot), windowPoints(demand, lot), quantityPoints(demand, lot), pairedPoints(cooperative),
        povertyProductPoints(lot), poorSharePoints(cooperative));
  }

  /**
   * {@code score(demand, lot, cooperative).total()} without building the score (-1 for no match):
   * ranking skips, without allocating, the many lots that cannot beat the worst match it keeps.
   */
  public static int total(DemandFacts demand, LotFacts lot, CooperativeFacts cooperative) {
    if (!matches(demand, lot)) {
      return -1;
    }
    return pricePoints(demand, lot) + windowPoints(demand, lot) + quantityPoints(demand, lot)
        + pairedPoints(cooperative) + povertyProductPoints(lot) + poorSharePoints(cooperative);
  }

  /**
   * Whether {@code lot} would rank before {@code kept}, a score for the same demand: the same as
   * {@code compare(score(demand, lot, cooperative), kept) < 0}, computed without building the score.
   * With one demand, prices per demand unit compare as each lot's price times the other's unit scale.
   */
  public static boolean ranksBefore(DemandFacts demand, LotFacts lot, CooperativeFacts cooperative, Score kept) {
    int total = total(demand, lot, cooperative);
    if (total != kept.total()) {
      return total > kept.total();
    }
    if (cooperative.paired() != kept.cooperative().paired()) {
      return cooperative.paired();
    }
    int byPrice = compareProducts(lot.unitPriceFen(), Units.scale(kept.lot().unit()), kept.lot().unitPriceFen(),
        Units.scale(lot.unit()));
    return byPrice != 0 ? byPrice < 0 : lot.lotId() < kept.lot().lotId();
  }

  /** The product gate. */
  private static boolean matches(DemandFacts demand, LotFacts lot) {
    return demand.product().equals(lot.product()) && Units.compatible(demand.unit(), lot.unit())
        && lot.availableMilli() > 0;
  }

  private static int pricePoints(DemandFacts demand, LotFacts lot) {
    // price per demand unit = unitPriceFen × perDemand / perLot ≤ maxUnitPriceFen
    return compareProducts(lot.unitPriceFen(), Units.scale(demand.unit()), demand.maxUnitPriceFen(),
        Units.scale(lot.unit())) <= 0 ? PRICE_POINTS : 0;
  }

  private static int windowPoints(DemandFacts demand, LotFacts lot) {
    long deliverBy = demand.deliverBy().toEpochDay();
    if (lot.availableFromDay() > deliverBy) {
      return 0;
    }
    return lot.availableToDay() < deliverBy ? EARLY_WINDOW_POINTS : WINDOW_POINTS;
  }

  private static int quantityPoints(DemandFacts demand, LotFacts lot) {
    if (belowMinimum(demand, lot)) {
      return 0;
    }
    long perLot = Units.scale(lot.unit());
    long perDemand = Units.scale(demand.unit());
    return compareProducts(lot.availableMilli(), perLot, demand.quantityMilli(), perDemand) >= 0
        ? QUANTITY_POINTS
        : coveredPoints(lot.availableMilli(), perLot, demand.quantityMilli(), perDemand);
  }

  private static int pairedPoints(CooperativeFacts cooperative) {
    return cooperative.paired() ? PAIRED_POINTS : 0;
  }

  private static int povertyProductPoints(LotFacts lot) {
    return lot.povertyCertified() ? POVERTY_PRODUCT_POINTS : 0;
  }

  private static int poorSharePoints(CooperativeFacts cooperative) {
    return cooperative.members() > 0 ? POOR_SHARE_POINTS * cooperative.poorMembers() / cooperative.members() : 0;
  }

  /** The wanted quantity, in the lot's unit, is below the lot's minimum order and below what is left. */
  private static boolean belowMinimum(DemandFacts demand, LotFacts lot) {
    long perLot = Units.scale(lot.unit());
    long perDemand = Units.scale(demand.unit());
    return compareProducts(demand.quantityMilli(), perDemand, lot.minOrderMilli(), perLot) < 0
        && compareProducts(demand.quantityMilli(), perDemand, lot.availableMilli(), perLot) < 0;
  }

  /** floor(15 × available / wanted) for available &lt; wanted, both given as milli × scale. */
  private static int coveredPoints(long availableMilli, long perLot, long wantedMilli, long perDemand) {
    if (Math.multiplyHigh(availableMilli, perLot * QUANTITY_POINTS) == 0
        && Math.multiplyHigh(wantedMilli, perDemand) == 0) {
      long available = availableMilli * perLot * QUANTITY_POINTS;
      long wanted = wantedMilli * perDemand;
      if (available >= 0 && wanted > 0) {
        return (int) (available / wanted);
      }
    }
    // beyond a long (a lot of some 600,000 tonnes): the same quotient in BigInteger
    return BigInteger.valueOf(availableMilli).multiply(BigInteger.valueOf(perLot * QUANTITY_POINTS))
        .divide(BigInteger.valueOf(wantedMilli).multiply(BigInteger.valueOf(perDemand))).intValue();
  }

  /** The sign of a × b − c × d for non-negative factors, exactly (the products may exceed a long). */
  static int compareProducts(long a, long b, long c, long d) {
    long high = Math.multiplyHigh(a, b);
    long otherHigh = Math.multiplyHigh(c, d);
    return high != otherHigh ? Long.compare(high, otherHigh) : Long.compareUnsigned(a * b, c * d);
  }

  /** Best first: score, then paired, then cheaper per demand unit, then the older (lower id) lot. */
  public static int compare(Score a, Score b) {
    int byScore = Integer.compare(b.total(), a.total());
    if (byScore != 0) {
      return byScore;
    }
    int byPairing = Boolean.compare(b.cooperative().paired(), a.cooperative().paired());
    if (byPairing != 0) {
      return byPairing;
    }
    int byPrice = a.pricePerDemandUnit().compareTo(b.pricePerDemandUnit());
    if (byPrice != 0) {
      return byPrice;
    }
    int byLot = Long.compare(a.lot().lotId(), b.lot().lotId());
    return byLot != 0 ? byLot : Long.compare(a.demand().demandId(), b.demand().demandId());
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
