package cn.bangfu.book;

import static cn.bangfu.platform.JsonValues.id;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The statements as JSON: amounts in fen, lines with their chart code and Chinese name. */
final class StatementJson {
  private StatementJson() {
  }

  static JsonObject balanceSheet(BookStatements.BalanceSheet s) {
    return new JsonObject().put("cooperativeId", id(s.cooperativeId())).put("date", s.date().toString())
        .put("assets", lines(s.assets())).put("liabilities", lines(s.liabilities())).put("equity", lines(s.equity()))
        .put("totalAssetsFen", s.totalAssetsFen()).put("totalLiabilitiesAndEquityFen", s.totalLiabilitiesAndEquityFen())
        .put("balanced", s.balanced());
  }

  static JsonObject surplus(BookStatements.SurplusStatement s) {
    return new JsonObject().put("cooperativeId", id(s.cooperativeId())).put("year", s.year())
        .put("income", lines(s.income())).put("costs", lines(s.costs()))
        .put("revenueFen", s.revenueFen()).put("costFen", s.costFen()).put("surplusFen", s.surplusFen())
        .put("openingUndistributedFen", s.openingUndistributedFen()).put("distributableFen", s.distributableFen())
        .put("providentFundFen", s.providentFundFen()).put("rebateFen", s.rebateFen())
        .put("dividendFen", s.dividendFen()).put("payableFen", s.payableFen())
        .put("guaranteeOwedFen", s.guaranteeOwedFen()).put("distributedFen", s.distributedFen())
        .put("undistributedFen", s.undistributedFen()).put("reconciled", s.reconciled());
  }

  static JsonObject memberEquity(BookStatements.MemberEquityStatement s) {
    JsonArray columns = new JsonArray();
    s.columns().forEach(c -> columns.add(new JsonObject().put("code", c.code()).put("name", c.name())
        .put("openingFen", c.openingFen()).put("increaseFen", c.increaseFen()).put("decreaseFen", c.decreaseFen())
        .put("closingFen", c.closingFen())));
    JsonArray members = new JsonArray();
    s.members().forEach(m -> members.add(new JsonObject().put("householdId", id(m.householdId()))
        .put("shareCapitalOpeningFen", m.shareCapitalOpeningFen()).put("shareCapitalClosingFen", m.shareCapitalClosingFen())
        .put("quantifiedFundFen", m.quantifiedFundFen()).put("rebatesFen", m.rebatesFen())
        .put("dividendsFen", m.dividendsFen()).put("paidFen", m.paidFen()).put("owedFen", m.owedFen())
        .put("providentFundShareFen", m.providentFundShareFen())));
    return new JsonObject().put("cooperativeId", id(s.cooperativeId())).put("year", s.year()).put("columns", columns)
        .put("members", members).put("membersShareCapitalFen", s.membersShareCapitalFen())
        .put("membersQuantifiedFundFen", s.membersQuantifiedFundFen())
        .put("membersProvidentFundFen", s.membersProvidentFundFen());
  }

  private static JsonArray lines(List<BookStatements.Line> lines) {
    JsonArray array = new JsonArray();
    lines.forEach(l -> array.add(new JsonObject().put("code", l.code()).put("name", l.name())
        .put("amountFen", l.amountFen())));
    return array;
  }
}
