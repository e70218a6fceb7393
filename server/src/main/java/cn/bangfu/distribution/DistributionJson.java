package cn.bangfu.distribution;

import static cn.bangfu.platform.JsonValues.id;
import static cn.bangfu.platform.JsonValues.time;
import cn.bangfu.db.tables.records.DistributionLineRecord;
import cn.bangfu.db.tables.records.DistributionObjectionRecord;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Runs as JSON (DESIGN.md 6): ids as strings, money as *Fen integers, every line with its explanation. */
public final class DistributionJson {
  private DistributionJson() {
  }

  public static JsonObject run(DistributionService.RunView view) {
    DistributionRunRecord run = view.run();
    JsonObject summary = new JsonObject(run.getResultJson());
    JsonArray allocations = new JsonArray();
    for (DistributionLineRecord line : view.lines()) {
      allocations.add(line(line));
    }
    Map<String, List<Long>> sources = view.sources();
    return new JsonObject()
        .put("id", id(run.getId()))
        .put("cooperativeId", id(run.getCooperativeId()))
        .put("ruleSetId", run.getRuleSetId())
        .put("ruleSetVersion", run.getRuleSetVersion())
        .put("periodStart", run.getPeriodStart().toString())
        .put("periodEnd", run.getPeriodEnd().toString())
        .put("status", run.getStatus())
        .put("revenueFen", run.getRevenueFen())
        .put("costFen", run.getCostFen())
        .put("poolFen", run.getPoolFen())
        .put("poolExplanation", summary.getString("poolExplanationZh"))
        .put("poolExplanationEn", summary.getString("poolExplanationEn"))
        .put("liabilityFen", run.getLiabilityFen())
        .put("steps", summary.getJsonArray("steps"))
        .put("allocations", allocations)
        .put("allocationsTotal", run.getLineCount())
        .put("allocationsLimit", view.limit())
        .put("allocationsOffset", view.offset())
        .put("warnings", summary.getJsonArray("warnings"))
        .put("liabilities", summary.getJsonArray("liabilities"))
        .put("compliance", summary.getJsonArray("compliance"))
        .put("sources", new JsonObject()
            .put("orderIds", ids(sources.get("ORDER")))
            .put("incomeIds", ids(sources.get("INCOME")))
            .put("costIds", ids(sources.get("COST"))))
        .put("publicityStart", run.getPublicityStart() == null ? null : run.getPublicityStart().toString())
        .put("publicityEnd", run.getPublicityEnd() == null ? null : run.getPublicityEnd().toString())
        .put("objectionCounts", counts(view.objections()))
        .put("approvedAt", time(run.getApprovedAt()))
        .put("postedAt", time(run.getPostedAt()))
        .put("ledgerEntryId", id(run.getLedgerEntryId()))
        .put("paidAt", time(run.getPaidAt()))
        .put("reversedAt", time(run.getReversedAt()))
        .put("reversalReason", run.getReversalReason())
        .put("noticeNumber", noticeNumber(run))
        .put("rejectedAt", time(run.getRejectedAt()))
        .put("rejectionReason", run.getRejectionReason())
        .put("createdAt", time(run.getCreatedAt()));
  }

  static JsonObject line(DistributionLineRecord line) {
    return new JsonObject()
        .put("householdId", id(line.getHouseholdId()))
        .put("recipient", line.getRecipient())
        .put("stepId", line.getStepId())
        .put("basis", line.getBasis())
        .put("basisValue", line.getBasisValue())
        .put("amountFen", line.getAmountFen())
        .put("explanation", line.getExplanationZh())
        .put("explanationEn", line.getExplanationEn());
  }

  static JsonArray ids(List<Long> ids) {
    JsonArray array = new JsonArray();
    if (ids != null) {
      ids.forEach(i -> array.add(Long.toString(i)));
    }
    return array;
  }

  /** {open, answered, dismissed}: what the run's JSON says of its objections instead of listing them. */
  public static JsonObject counts(Map<ObjectionStatus, Integer> counts) {
    return new JsonObject()
        .put("open", counts.getOrDefault(ObjectionStatus.OPEN, 0))
        .put("answered", counts.getOrDefault(ObjectionStatus.ANSWERED, 0))
        .put("dismissed", counts.getOrDefault(ObjectionStatus.DISMISSED, 0));
  }

  /** Objections as the cooperative and the regulator read them; who raised one is not shown (raised_by stays inside). */
  /**
   * The 公示 number people say aloud: 2026-001 is the cooperative's first notice of 2026 (V29); a run
   * publicized before numbers existed keeps its id.
   */
  public static String noticeNumber(DistributionRunRecord run) {
    if (run.getNoticeSeq() == null) {
      return run.getStatus() == RunStatus.DRAFT ? null : Long.toString(run.getId());
    }
    return run.getNoticeYear() + "-" + String.format("%03d", run.getNoticeSeq());
  }

  public static JsonObject objection(DistributionObjectionRecord o) {
    return new JsonObject().put("id", id(o.getId())).put("householdId", id(o.getHouseholdId()))
        .put("text", o.getText()).put("receiptNumber", o.getReceipt()).put("raisedAt", time(o.getRaisedAt()))
        .put("status", o.getStatus())
        .put("open", ObjectionStatus.OPEN == o.getStatus())
        .put("answer", o.getAnswer()).put("answeredAt", time(o.getAnsweredAt()))
        .put("dismissalKind", o.getDismissalKind()).put("dismissalReason", o.getDismissalReason())
        .put("dismissedAt", time(o.getDismissedAt()));
  }

  public static JsonObject page(DistributionService.ObjectionPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(o -> items.add(objection(o)));
    Map<ObjectionStatus, Integer> counts = page.counts();
    int total = page.status() == null ? counts.values().stream().mapToInt(Integer::intValue).sum()
        : counts.getOrDefault(page.status(), 0);
    return new JsonObject().put("items", items).put("limit", page.limit()).put("offset", page.offset())
        .put("total", total).put("counts", counts(counts));
  }

  /**
   * What the objector gets back: the objection's id and a receipt to quote when asking after it
   * (number, time received, last day of publicity), in the words of the notice.
   */
  public static JsonObject filed(DistributionService.Filed filed) {
    DistributionObjectionRecord o = filed.objection();
    return objection(o).put("receipt", new JsonObject()
        .put("number", filed.receiptNumber())
        .put("receivedAt", time(o.getRaisedAt()))
        .put("publicityEnd", filed.publicityEnd().toString())
        .put("message", "异议已收到，编号 " + filed.receiptNumber() + "；公示期至 " + filed.publicityEnd()
            + "，审批前须答复或经监管部门审核处理。"));
  }
}
