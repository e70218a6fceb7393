package cn.bangfu.matching;

import cn.bangfu.registry.Unit;
import cn.bangfu.supply.Units;
import java.math.BigDecimal;
import java.math.RoundingMode;
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

  public record DemandFacts(long demandId, long buyerId, String product, BigDecimal quantity, Unit unit,
      long maxUnitPriceFen, LocalDate deliverBy) {
  }

  public record LotFacts(long lotId, long cooperativeId, String product, Unit unit, BigDecimal availableQuantity,
      BigDecimal minOrderQuantity, long unitPriceFen, LocalDate availableFrom, LocalDate availableTo,
      boolean povertyCertified) {
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
      if (belowMinimum(demand, lot)) {
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

  /** Scores {@code lot} for {@code demand}; null when it cannot serve the demand at all (the product gate). */
  public static Score score(DemandFacts demand, LotFacts lot, CooperativeFacts cooperative) {
    if (!demand.product().equals(lot.product()) || !Units.compatible(demand.unit(), lot.unit())
        || lot.availableQuantity().signum() <= 0) {
      return null;
    }
    BigDecimal pricePerDemandUnit = Units.pricePer(lot.unitPriceFen(), lot.unit(), demand.unit());
    int price = pricePerDemandUnit.compareTo(BigDecimal.valueOf(demand.maxUnitPriceFen())) <= 0 ? PRICE_POINTS : 0;

    int window;
    if (lot.availableFrom().isAfter(demand.deliverBy())) {
      window = 0;
    } else if (lot.availableTo().isBefore(demand.deliverBy())) {
      window = EARLY_WINDOW_POINTS;
    } else {
      window = WINDOW_POINTS;
    }

    int quantity = 0;
    if (!belowMinimum(demand, lot)) {
      BigDecimal available = Units.convert(lot.availableQuantity(), lot.unit(), demand.unit());
      if (available.compareTo(demand.quantity()) >= 0) {
        quantity = QUANTITY_POINTS;
      } else {
        quantity = available.multiply(BigDecimal.valueOf(QUANTITY_POINTS))
            .divide(demand.quantity(), 0, RoundingMode.FLOOR).intValue();
      }
    }
    int paired = cooperative.paired() ? PAIRED_POINTS : 0;
    int poverty = lot.povertyCertified() ? POVERTY_PRODUCT_POINTS : 0;
    int poorShare = cooperative.members() > 0 ? POOR_SHARE_POINTS * cooperative.poorMembers() / cooperative.members() : 0;
    return new Score(demand, lot, cooperative, pricePerDemandUnit, price, window, quantity, paired, poverty, poorShare);
  }

  private static boolean belowMinimum(DemandFacts demand, LotFacts lot) {
    BigDecimal wantedInLotUnit = Units.convert(demand.quantity(), demand.unit(), lot.unit());
    return wantedInLotUnit.compareTo(lot.minOrderQuantity()) < 0
        && wantedInLotUnit.compareTo(lot.availableQuantity()) < 0;
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
