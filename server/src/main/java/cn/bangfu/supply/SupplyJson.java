package cn.bangfu.supply;

import cn.bangfu.platform.JsonValues;
import cn.bangfu.db.tables.records.LotRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** Lots as JSON: ids as strings, quantities as exact decimal strings, money as *Fen integers. */
public final class SupplyJson {
  private SupplyJson() {
  }

  public static String quantity(BigDecimal q) {
    return q == null ? null : q.stripTrailingZeros().toPlainString();
  }

  public static JsonObject lot(LotRecord l) {
    JsonArray certifications = new JsonArray();
    LotRepository.decode(l.getCertifications()).forEach(c -> certifications.add(c.name()));
    return new JsonObject()
        .put("id", Long.toString(l.getId()))
        .put("cooperativeId", Long.toString(l.getCooperativeId()))
        .put("regionCode", l.getRegionCode())
        .put("product", l.getProduct())
        .put("grade", l.getGrade())
        .put("quantity", quantity(l.getQuantity()))
        .put("availableQuantity", quantity(l.getAvailableQuantity()))
        .put("closed", l.getClosedAt() != null)
        .put("unit", l.getUnit())
        .put("unitPriceFen", l.getUnitPriceFen())
        .put("availableFrom", l.getAvailableFrom().toString())
        .put("availableTo", l.getAvailableTo().toString())
        .put("minOrderQuantity", quantity(l.getMinOrderQuantity()))
        .put("certifications", certifications)
        .put("createdAt", JsonValues.time(l.getCreatedAt()));
  }
}
