package cn.bangfu.book;

import static cn.bangfu.platform.JsonValues.id;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The member-equity table written straight to bytes: 100,000 member lines are 20 MB of JSON, and a
   * JsonObject per member built only to be encoded cost a good part of the table's two seconds (issue 13).
   */
  static Buffer memberEquity(BookStatements.MemberEquityStatement s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + 220 * s.members().size());
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("cooperativeId", id(s.cooperativeId()));
      json.writeNumberField("year", s.year());
      json.writeArrayFieldStart("columns");
      for (BookStatements.EquityColumn c : s.columns()) {
        json.writeStartObject();
        json.writeStringField("code", c.code());
        json.writeStringField("name", c.name());
        json.writeNumberField("openingFen", c.openingFen());
        json.writeNumberField("increaseFen", c.increaseFen());
        json.writeNumberField("decreaseFen", c.decreaseFen());
        json.writeNumberField("closingFen", c.closingFen());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("members");
      for (BookStatements.MemberEquity m : s.members()) {
        json.writeStartObject();
        json.writeStringField("householdId", id(m.householdId()));
        json.writeNumberField("shareCapitalOpeningFen", m.shareCapitalOpeningFen());
        json.writeNumberField("shareCapitalClosingFen", m.shareCapitalClosingFen());
        json.writeNumberField("quantifiedFundFen", m.quantifiedFundFen());
        json.writeNumberField("rebatesFen", m.rebatesFen());
        json.writeNumberField("dividendsFen", m.dividendsFen());
        json.writeNumberField("paidFen", m.paidFen());
        json.writeNumberField("owedFen", m.owedFen());
        json.writeNumberField("providentFundShareFen", m.providentFundShareFen());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("membersShareCapitalFen", s.membersShareCapitalFen());
      json.writeNumberField("membersQuantifiedFundFen", s.membersQuantifiedFundFen());
      json.writeNumberField("membersProvidentFundFen", s.membersProvidentFundFen());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  private static JsonArray lines(List<BookStatements.Line> lines) {
    JsonArray array = new JsonArray();
    lines.forEach(l -> array.add(new JsonObject().put("code", l.code()).put("name", l.name())
        .put("amountFen", l.amountFen())));
    return array;
  }
}
