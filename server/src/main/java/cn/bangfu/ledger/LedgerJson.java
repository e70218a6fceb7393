package cn.bangfu.ledger;

import static cn.bangfu.platform.JsonValues.id;
import static cn.bangfu.platform.JsonValues.time;
import cn.bangfu.db.tables.records.LedgerAccountRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Ledger results as JSON: ids as strings, money as *Fen integers. */
public final class LedgerJson {
  private LedgerJson() {
  }



  public static JsonObject trialBalance(LedgerQueries.TrialBalance t) {
    return new JsonObject().put("totalDebitFen", t.totalDebitFen()).put("totalCreditFen", t.totalCreditFen())
        .put("balanced", t.totalDebitFen() == t.totalCreditFen());
  }

  public static JsonObject verification(ChainVerifier.Verification v) {
    JsonObject json = new JsonObject().put("ok", v.ok()).put("entriesChecked", v.entriesChecked())
        .put("chainsChecked", v.chainsChecked());
    if (v.firstBreak() == null) {
      return json.putNull("firstBreak");
    }
    return json.put("firstBreak", new JsonObject().put("entryId", id(v.firstBreak().entryId()))
        .put("cooperativeId", id(v.firstBreak().cooperativeId())).put("reason", v.firstBreak().reason()));
  }

  public static JsonObject account(LedgerService.AccountView view) {
    LedgerAccountRecord a = view.account();
    ChartAccount chart = LedgerRepository.chartAccount(a.getChartCode());
    JsonObject json = new JsonObject().put("id", id(a.getId())).put("cooperativeId", id(a.getCooperativeId()))
        .put("code", chart.code()).put("name", chart.chineseName()).put("account", chart.name())
        .put("accountClass", chart.accountClass().name()).put("normalBalance", chart.normalBalance().name())
        .put("householdId", a.getHouseholdId() > 0 ? id(a.getHouseholdId()) : null).put("currency", a.getCurrency())
        .put("balanceFen", view.balanceFen()).put("createdAt", time(a.getCreatedAt()));
    if (view.asOf() != null) {
      json.put("asOf", view.asOf().toString()).put("asOfBalanceFen", view.asOfBalanceFen());
    }
    return json;
  }

  public static JsonObject line(LedgerQueries.AccountLine l) {
    return new JsonObject().put("entryId", id(l.entryId())).put("lineNo", l.lineNo()).put("amountFen", l.amountFen())
        .put("effectiveDate", l.effectiveDate().toString()).put("kind", l.kind())
        .put("referenceType", l.referenceType()).put("referenceId", id(l.referenceId()))
        .put("createdAt", time(l.createdAt())).put("reversesEntryId", id(l.reversesEntryId()));
  }

  public static JsonObject accountWithLines(LedgerService.AccountView view, int limit, int offset) {
    return account(view).put("entries", new JsonObject()
        .put("items", new JsonArray(view.lines().stream().map(LedgerJson::line).toList()))
        .put("limit", limit).put("offset", offset));
  }
}
