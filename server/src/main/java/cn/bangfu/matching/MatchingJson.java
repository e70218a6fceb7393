package cn.bangfu.matching;

import cn.bangfu.platform.JsonValues;
import cn.bangfu.db.tables.records.DemandRecord;
import cn.bangfu.matching.MatchScoring.Score;
import cn.bangfu.supply.SupplyJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Demands and matches as JSON. */
public final class MatchingJson {
  private MatchingJson() {
  }

  public static JsonObject demand(DemandRecord d) {
    return new JsonObject().put("id", Long.toString(d.getId())).put("buyerId", Long.toString(d.getBuyerId()))
        .put("product", d.getProduct()).put("quantity", SupplyJson.quantity(d.getQuantity())).put("unit", d.getUnit())
        .put("maxUnitPriceFen", d.getMaxUnitPriceFen()).put("deliverBy", d.getDeliverBy().toString())
        .put("deliveryRegionCode", d.getDeliveryRegionCode())
        .put("createdAt", JsonValues.time(d.getCreatedAt()));
  }

  private static JsonObject common(Score s) {
    return new JsonObject().put("score", s.total()).put("reasons", new JsonArray(s.reasons()));
  }

  /** A lot matching a demand: {lotId, score, reasons, …the lot's terms}. */
  public static JsonObject lotMatch(Score s) {
    return new JsonObject().put("lotId", Long.toString(s.lot().lotId())).mergeIn(common(s))
        .put("cooperativeId", Long.toString(s.lot().cooperativeId()))
        .put("paired", s.cooperative().paired())
        .put("unitPriceFen", s.lot().unitPriceFen()).put("unit", s.lot().unit().name())
        .put("availableQuantity", SupplyJson.quantity(s.lot().availableQuantity()));
  }

  /** A demand a lot fits: {demandId, score, reasons, …the demand's terms}. */
  public static JsonObject demandMatch(Score s) {
    return new JsonObject().put("demandId", Long.toString(s.demand().demandId())).mergeIn(common(s))
        .put("buyerId", Long.toString(s.demand().buyerId()))
        .put("paired", s.cooperative().paired())
        .put("quantity", SupplyJson.quantity(s.demand().quantity())).put("unit", s.demand().unit().name())
        .put("maxUnitPriceFen", s.demand().maxUnitPriceFen()).put("deliverBy", s.demand().deliverBy().toString());
  }
}
