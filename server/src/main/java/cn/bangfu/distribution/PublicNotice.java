package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.HOUSEHOLD;

import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.platform.CsvFile;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.registry.Masking;
import cn.bangfu.rules.result.Money;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The publicity notice (公示) of a run, readable by anyone without a token: names masked (杨*宇),
 * identity numbers masked (5201**********1234), amounts and the rule's explanation per line; as JSON
 * for the page and as CSV (UTF-8 with BOM so spreadsheet programs open it) for the village board.
 * Only runs that have been publicized have a notice; a draft is not public.
 */
public final class PublicNotice {
  private final Database database;
  private final DistributionRepository runs;

  public PublicNotice(Database database, DistributionRepository runs) {
    this.database = database;
    this.runs = runs;
  }

  /** The run, the lines read (all for the CSV, one page for JSON), and the household total of all lines. */
  public record Notice(DistributionRunRecord run, JsonArray lines, long householdTotalFen, Paging page) {
  }

  /**
   * The notice as the page's JSON or the village board's CSV. Built on the worker thread with the
   * read: a county run's notice has 200,000 lines, too much text to assemble on an event loop.
   */
  public Future<Reply> reply(long runId, boolean csv) {
    return reply(runId, csv, null);
  }

  /**
   * {@code page} null: every line (the CSV for the village board is one whole file). The JSON, which
   * anyone may ask for without a token, is one page of lines ({@code ?limit=&offset=}), never all
   * 200,000 of a county run; its household total still covers every line.
   */
  public Future<Reply> reply(long runId, boolean csv, Paging page) {
    return database.read(db -> {
      Notice notice = notice(db, runId, csv ? null : page);
      return csv ? Reply.file("text/csv; charset=utf-8", csv(notice)) : Reply.ok(json(notice));
    });
  }

  Notice notice(DSLContext db, long runId, Paging page) {
    DistributionRunRecord run = runs.run(db, runId)
        .filter(r -> RunStatus.DRAFT != r.getStatus())
        .orElseThrow(() -> Problem.notFound("publicity notice", Long.toString(runId)));
    JsonArray lines = new JsonArray();
    long total = 0;
    for (Record r : page == null ? runs.linesWithHouseholds(db, runId)
        : runs.linesWithHouseholds(db, runId, page.limit(), page.offset())) {
      String name = r.get(HOUSEHOLD.NAME);
      long amount = r.get(DISTRIBUTION_LINE.AMOUNT_FEN);
      if (name != null) {
        total += amount;
      }
      lines.add(new JsonObject()
          .put("recipient", name == null ? r.get(DISTRIBUTION_LINE.RECIPIENT) : Masking.name(name))
          .put("idNumberMasked", r.get(HOUSEHOLD.ID_NUMBER_MASKED))
          .put("stepId", r.get(DISTRIBUTION_LINE.STEP_ID))
          .put("basis", r.get(DISTRIBUTION_LINE.BASIS))
          .put("basisValue", r.get(DISTRIBUTION_LINE.BASIS_VALUE))
          .put("amountFen", amount)
          .put("explanation", r.get(DISTRIBUTION_LINE.EXPLANATION_ZH)));
    }
    return new Notice(run, lines, page == null ? total : runs.householdTotalFen(db, runId), page);
  }

  public static JsonObject json(Notice notice) {
    DistributionRunRecord run = notice.run();
    return new JsonObject()
        .put("distributionId", Long.toString(run.getId())).put("noticeNumber", DistributionJson.noticeNumber(run))
        .put("cooperativeId", Long.toString(run.getCooperativeId()))
        .put("ruleSetId", run.getRuleSetId())
        .put("periodStart", run.getPeriodStart().toString())
        .put("periodEnd", run.getPeriodEnd().toString())
        .put("status", run.getStatus())
        .put("publicityStart", String.valueOf(run.getPublicityStart()))
        .put("publicityEnd", String.valueOf(run.getPublicityEnd()))
        .put("poolFen", run.getPoolFen())
        .put("householdTotalFen", notice.householdTotalFen())
        .put("lines", notice.lines())
        .put("linesTotal", run.getLineCount())
        .put("linesLimit", notice.page() == null ? run.getLineCount() : notice.page().limit())
        .put("linesOffset", notice.page() == null ? 0 : notice.page().offset());
  }

  public static Buffer csv(Notice notice) {
    DistributionRunRecord run = notice.run();
    CsvFile csv = new CsvFile()
        .row("公示期", run.getPublicityStart() + " 至 " + run.getPublicityEnd())
        .row("分配期间", run.getPeriodStart() + " 至 " + run.getPeriodEnd())
        .row("户主", "身份证号", "分配项目", "依据", "依据数值", "金额（元）", "说明");
    for (int i = 0; i < notice.lines().size(); i++) {
      JsonObject line = notice.lines().getJsonObject(i);
      csv.row(line.getString("recipient"), line.getString("idNumberMasked"), line.getString("stepId"),
          line.getString("basis"), line.getString("basisValue"), Money.plainYuan(line.getLong("amountFen")),
          line.getString("explanation"));
    }
    return csv.toBuffer();
  }
}
