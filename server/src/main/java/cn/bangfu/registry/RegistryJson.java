package cn.bangfu.registry;

import static cn.bangfu.platform.JsonValues.id;
import static cn.bangfu.platform.JsonValues.time;
import static cn.bangfu.platform.JsonValues.date;
import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.CostRecordRecord;
import cn.bangfu.db.tables.records.DeliveryRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.LaborRecordRecord;
import cn.bangfu.db.tables.records.MembershipRecord;
import cn.bangfu.db.tables.records.PairingRecord;
import cn.bangfu.db.tables.records.ShareHoldingRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Registry rows as JSON: ids as strings, money as *Fen integers, identity numbers only masked. */
public final class RegistryJson {
  private RegistryJson() {
  }
  public static JsonObject cooperative(CooperativeRecord c) {
    return new JsonObject().put("id", id(c.getId())).put("name", c.getName()).put("uscc", c.getUscc())
        .put("regionCode", c.getRegionCode()).put("createdAt", time(c.getCreatedAt()));
  }

  public static JsonObject household(HouseholdRecord h) {
    return new JsonObject().put("id", id(h.getId())).put("name", h.getName())
        .put("idNumberMasked", h.getIdNumberMasked())
        .put("regionCode", h.getRegionCode()).put("members", h.getMembers())
        .put("laborCapacity", h.getLaborCapacity()).put("status", h.getStatus())
        .put("lowIncomeKind", h.getLowIncomeKind())
        .put("proposedStatus", h.getProposedStatus())
        .put("blacklisted", h.getBlacklisted()).put("exitDate", date(h.getExitDate()))
        .put("createdAt", time(h.getCreatedAt()));
  }

  /** The household with the memberships the caller may see: which cooperatives enrolled it, and since when. */
  public static JsonObject household(HouseholdRecord h, Iterable<MembershipRecord> memberships) {
    JsonArray list = new JsonArray();
    for (MembershipRecord m : memberships) {
      list.add(new JsonObject().put("cooperativeId", id(m.getCooperativeId())).put("joinedOn", date(m.getJoinedOn())));
    }
    return household(h).put("memberships", list);
  }

  public static JsonObject buyer(BuyerRecord b) {
    return new JsonObject().put("id", id(b.getId())).put("name", b.getName()).put("kind", b.getKind())
        .put("uscc", b.getUscc()).put("regionCode", b.getRegionCode())
        .put("annualFoodBudgetFen", b.getAnnualFoodBudgetFen())
        .put("reservedSharePercent", b.getReservedSharePercent().stripTrailingZeros().toPlainString())
        .put("createdAt", time(b.getCreatedAt()));
  }

  public static JsonObject pairing(PairingRecord p) {
    return new JsonObject().put("id", id(p.getId())).put("buyerId", id(p.getBuyerId()))
        .put("cooperativeId", id(p.getCooperativeId())).put("form", p.getForm())
        .put("createdAt", time(p.getCreatedAt()));
  }

  public static JsonObject membership(MembershipRecord m, Iterable<ShareHoldingRecord> shares) {
    JsonArray holdings = new JsonArray();
    for (ShareHoldingRecord s : shares) {
      holdings.add(new JsonObject().put("id", id(s.getId())).put("shareClass", s.getShareClass())
          .put("units", s.getUnits().stripTrailingZeros().toPlainString())
          .put("since", date(s.getSince())).put("until", date(s.getUntil())));
    }
    return new JsonObject().put("id", id(m.getId())).put("cooperativeId", id(m.getCooperativeId()))
        .put("householdId", id(m.getHouseholdId())).put("joinedOn", date(m.getJoinedOn()))
        .put("shares", holdings);
  }

  public static JsonObject delivery(DeliveryRecord d) {
    return new JsonObject().put("id", id(d.getId())).put("cooperativeId", id(d.getCooperativeId()))
        .put("householdId", id(d.getHouseholdId())).put("product", d.getProduct())
        .put("quantity", d.getQuantity().stripTrailingZeros().toPlainString()).put("unit", d.getUnit())
        .put("valueFen", d.getValueFen()).put("date", date(d.getDeliveredOn()));
  }

  public static JsonObject labor(LaborRecordRecord l) {
    return new JsonObject().put("id", id(l.getId())).put("cooperativeId", id(l.getCooperativeId()))
        .put("householdId", id(l.getHouseholdId())).put("days", l.getDays().stripTrailingZeros().toPlainString())
        .put("date", date(l.getWorkedOn())).put("post", l.getPost()).put("wageFen", l.getWageFen())
        .put("workers", l.getWorkers());
  }

  public static JsonObject cost(CostRecordRecord c) {
    return new JsonObject().put("id", id(c.getId())).put("cooperativeId", id(c.getCooperativeId()))
        .put("amountFen", c.getAmountFen()).put("category", c.getCategory())
        .put("date", date(c.getIncurredOn())).put("note", c.getNote());
  }
}
