package cn.bangfu.monitoring;

import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
import cn.bangfu.db.tables.records.MonitoringAlertRecord;
import cn.bangfu.db.tables.records.MonitoringStepRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON of monitoring: ids as strings, money in fen, times ISO-8601 UTC, dates YYYY-MM-DD. */
final class MonitoringJson {
  private MonitoringJson() {
  }

  private static String id(Long id) {
    return id == null ? null : Long.toString(id);
  }

  private static String time(LocalDateTime t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC).toInstant().toString();
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  static JsonObject income(long householdId, int year, int members, List<HouseholdIncomeQueries.Source> sources,
      long totalFen) {
    JsonArray list = new JsonArray();
    for (HouseholdIncomeQueries.Source s : sources) {
      list.add(new JsonObject().put("kind", s.kind()).put("cooperativeId", id(s.cooperativeId()))
          .put("amountFen", s.amountFen()));
    }
    return new JsonObject().put("householdId", id(householdId)).put("year", year).put("members", members)
        .put("sources", list).put("totalFen", totalFen).put("perCapitaFen", Math.floorDiv(totalFen, members));
  }

  static JsonObject alert(MonitoringAlertRecord a) {
    return new JsonObject().put("id", id(a.getId())).put("householdId", id(a.getHouseholdId()))
        .put("kind", a.getKind().name()).put("year", a.getAlertYear()).put("detail", a.getDetail())
        .put("since", time(a.getSince())).put("status", a.getStatus().name()).put("endedAt", time(a.getEndedAt()));
  }

  /** A chain step; a referral is overdue when its due date has passed and no follow-up answers it. */
  static JsonObject step(MonitoringStepRecord s, LocalDate today, Set<Long> answeredReferrals) {
    JsonObject json = new JsonObject().put("id", id(s.getId())).put("step", s.getStep().name()).put("kind", s.getKind())
        .put("department", s.getDepartment()).put("amountFen", s.getAmountFen())
        .put("date", date(s.getStartOn())).put("end", date(s.getEndOn())).put("note", s.getNote())
        .put("by", id(s.getCreatedBy())).put("at", time(s.getCreatedAt()));
    if (s.getStep() == ChainStep.REFERRAL) {
      json.put("dueOn", date(s.getDueOn()))
          .put("overdue", today.isAfter(s.getDueOn()) && !answeredReferrals.contains(s.getId()));
    }
    if (s.getRefersTo() != null) {
      json.put("referralId", id(s.getRefersTo()));
    }
    return json;
  }

  /**
   * One chain item. {@code rank} orders items of the same instant cause before effect: a status decision,
   * then the worker's step (event, measure, follow-up), then the alert it opened, then the alert it ended —
   * a measure and the warning it answers are written in one request, often within one millisecond.
   */
  private record Item(LocalDateTime at, int rank, long order, JsonObject json) {
    static final int DECISION = 0;
    static final int STEP = 1;
    static final int ALERT_OPENED = 2;
    static final int ALERT_ENDED = 3;
  }

  /**
   * The household's chain (一户一条救助链) in time order: status decisions (认定, with effective date and
   * reason), alerts opened and ended, events, measures, referrals, follow-ups, closure.
   */
  static JsonObject chain(long householdId, List<HouseholdStatusChangeRecord> changes,
      List<MonitoringAlertRecord> alerts, List<MonitoringStepRecord> steps, Map<Long, String> names,
      LocalDate today) {
    List<Item> items = new ArrayList<>();
    for (HouseholdStatusChangeRecord c : changes) {
      items.add(new Item(c.getChangedAt(), Item.DECISION, c.getId(), by(new JsonObject().put("step", "STATUS_CHANGE")
          .put("status", c.getStatus()).put("lowIncomeKind", c.getLowIncomeKind())
          .put("laborCapacity", c.getLaborCapacity()).put("blacklisted", c.getBlacklisted())
          .put("date", date(c.getEffectiveOn())).put("note", c.getReason())
          .put("at", time(c.getChangedAt())), c.getChangedBy(), names)));
    }
    for (MonitoringAlertRecord a : alerts) {
      items.add(new Item(a.getSince(), Item.ALERT_OPENED, a.getId(),
          by(alert(a).put("step", "ALERT").put("at", time(a.getSince())), a.getOpenedBy(), names)));
      if (a.getEndedAt() != null) {
        items.add(new Item(a.getEndedAt(), Item.ALERT_ENDED, a.getId(), by(new JsonObject().put("step", "ALERT_ENDED")
            .put("alertId", id(a.getId())).put("kind", a.getKind().name()).put("status", a.getStatus().name())
            .put("at", time(a.getEndedAt())), a.getEndedBy(), names)));
      }
    }
    Set<Long> answered = new HashSet<>();
    steps.stream().filter(s -> s.getRefersTo() != null).forEach(s -> answered.add(s.getRefersTo()));
    for (MonitoringStepRecord s : steps) {
      items.add(new Item(s.getCreatedAt(), Item.STEP, s.getId(), by(step(s, today, answered), s.getCreatedBy(),
          names)));
    }
    items.sort(Comparator.comparing(Item::at).thenComparingInt(Item::rank).thenComparingLong(Item::order));
    // 风险消除 closes the chain; the first alert after a closure re-opens it, the closure staying on it
    JsonArray list = new JsonArray();
    String closedAt = null;
    boolean closed = false;
    for (Item i : items) {
      String step = i.json().getString("step");
      if (ChainStep.CLOSURE.name().equals(step)) {
        closed = true;
        closedAt = i.json().getString("at");
      } else if ("ALERT".equals(step) && closed) {
        i.json().put("reopens", true);
        closed = false;
        closedAt = null;
      }
      list.add(i.json());
    }
    return new JsonObject().put("householdId", id(householdId)).put("state", closed ? "CLOSED" : "OPEN")
        .put("closedAt", closedAt).put("items", list);
  }

  /** Who did a step: the user's id and name (masked for the household itself); no one for an old evaluation. */
  private static JsonObject by(JsonObject item, Long userId, Map<Long, String> names) {
    return item.put("by", id(userId)).put("byName", userId == null ? null : names.get(userId));
  }
}
