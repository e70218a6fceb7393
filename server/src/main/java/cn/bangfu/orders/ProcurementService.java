package cn.bangfu.orders;

import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.orders.ProcurementRepository.Line;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.RegistryService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 预留份额 tracking: how far a buyer (or a region's buyers) has come toward its reserved procurement
 * target from poverty areas in a year, and what a cooperative sold to whom.
 */
public final class ProcurementService {
  private final Database database;
  private final ProcurementRepository sums;
  private final ParticipantRepository participants;
  private final RegistryService registry;

  public ProcurementService(Database database, ProcurementRepository sums, ParticipantRepository participants,
      RegistryService registry) {
    this.database = database;
    this.sums = sums;
    this.participants = participants;
    this.registry = registry;
  }

  /** Target = budget × percent / 100, half-up to the fen (exact decimal arithmetic). */
  public static long reservedTargetFen(long annualFoodBudgetFen, BigDecimal reservedSharePercent) {
    return BigDecimal.valueOf(annualFoodBudgetFen).multiply(reservedSharePercent)
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
  }

  /** purchased / target in percent, 2 decimals half-up; null when there is no target. */
  static BigDecimal percent(long purchasedFen, long targetFen) {
    return targetFen == 0 ? null : BigDecimal.valueOf(purchasedFen).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(targetFen), 2, RoundingMode.HALF_UP);
  }

  private static JsonObject progress(JsonObject json, long targetFen, long purchasedFen) {
    return json.put("reservedTargetFen", targetFen).put("purchasedFen", purchasedFen)
        .put("percentOfTarget", percent(purchasedFen, targetFen));
  }

  public Future<JsonObject> buyer(Principal caller, long buyerId, int year) {
    return database.read(db -> {
      BuyerRecord buyer = participants.buyer(db, buyerId)
          .orElseThrow(() -> Problem.notFound("buyer", Long.toString(buyerId)));
      Scopes.require(Scopes.mayActOnBuyer(caller, buyerId, buyer.getRegionCode()), "buyer " + buyerId);
      long[] totals = sums.buyerTotals(db, buyerId, year);
      long target = reservedTargetFen(buyer.getAnnualFoodBudgetFen(), buyer.getReservedSharePercent());
      return progress(new JsonObject().put("buyerId", Long.toString(buyerId)).put("year", year), target, totals[0])
          .put("settledOrders", totals[1]);
    });
  }

  public Future<JsonObject> region(Principal caller, String prefix, int year, int limit, int offset) {
    return database.read(db -> {
      Scopes.require(caller.role() == Role.ADMIN || (caller.scopeId() != null && prefix.startsWith(caller.scopeId())),
          "region " + prefix);
      long[] totals = sums.regionTotals(db, prefix, year);
      JsonArray buyers = new JsonArray();
      for (Line line : sums.regionBuyers(db, prefix, year, limit, offset)) {
        buyers.add(progress(new JsonObject().put("buyerId", Long.toString(line.id())).put("name", line.name()),
            line.targetFen(), line.amountFen()).put("settledOrders", line.orders()));
      }
      return progress(new JsonObject().put("regionPrefix", prefix).put("year", year), totals[0], totals[1])
          .put("buyerCount", totals[2]).put("buyers", buyers).put("limit", limit).put("offset", offset);
    });
  }

  public Future<JsonObject> cooperative(Principal caller, long cooperativeId, int year) {
    return database.read(db -> {
      registry.visibleCooperative(db, caller, cooperativeId);
      long sold = 0;
      long orders = 0;
      JsonArray byBuyer = new JsonArray();
      for (Line line : sums.salesByBuyer(db, cooperativeId, year)) {
        sold += line.amountFen();
        orders += line.orders();
        byBuyer.add(new JsonObject().put("buyerId", Long.toString(line.id())).put("name", line.name())
            .put("soldFen", line.amountFen()).put("settledOrders", line.orders()));
      }
      return new JsonObject().put("cooperativeId", Long.toString(cooperativeId)).put("year", year)
          .put("soldFen", sold).put("settledOrders", orders).put("byBuyer", byBuyer);
    });
  }
}
