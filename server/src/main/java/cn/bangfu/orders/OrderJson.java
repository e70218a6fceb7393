package cn.bangfu.orders;

import static cn.bangfu.platform.JsonValues.id;
import static cn.bangfu.platform.JsonValues.time;
import cn.bangfu.db.tables.records.OrderHistoryRecord;
import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.supply.SupplyJson;
import io.vertx.core.json.JsonObject;

/** Orders and their history as JSON: ids as strings, quantities exact, money as *Fen integers. */
public final class OrderJson {
  private OrderJson() {
  }



  public static JsonObject order(PurchaseOrderRecord o) {
    return new JsonObject().put("id", id(o.getId())).put("status", o.getStatus())
        .put("lotId", id(o.getLotId())).put("cooperativeId", id(o.getCooperativeId()))
        .put("buyerId", id(o.getBuyerId())).put("demandId", id(o.getDemandId()))
        .put("product", o.getProduct()).put("unit", o.getUnit())
        .put("quantity", SupplyJson.quantity(o.getQuantity()))
        .put("acceptedQuantity", SupplyJson.quantity(o.getAcceptedQuantity()))
        .put("unitPriceFen", o.getUnitPriceFen()).put("amountFen", o.getAmountFen())
        .put("paymentRef", o.getPaymentRef())
        .put("settledOn", o.getSettledOn() == null ? null : o.getSettledOn().toString())
        .put("ledgerEntryId", id(o.getLedgerEntryId()))
        .put("createdAt", time(o.getCreatedAt())).put("updatedAt", time(o.getUpdatedAt()));
  }

  public static JsonObject history(OrderHistoryRecord h) {
    return new JsonObject().put("from", h.getFromStatus()).put("to", h.getToStatus())
        .put("byUserId", id(h.getActorUserId())).put("byRole", h.getActorRole())
        .put("at", time(h.getAt())).put("note", h.getNote());
  }
}
