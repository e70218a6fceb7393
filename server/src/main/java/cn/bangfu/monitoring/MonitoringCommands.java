package cn.bangfu.monitoring;

import java.time.LocalDate;

/** Validated monitoring inputs, built by {@link MonitoringRoutes} after every field is checked. */
public final class MonitoringCommands {
  private MonitoringCommands() {
  }

  /** A risk event (刚性支出 and the others): amount where there is one (medical bills). */
  public record NewEvent(RiskEventKind kind, Long amountFen, LocalDate date, String note) {
  }

  /** One assistance measure of a department over a period. */
  public record NewMeasure(String department, AssistanceKind kind, long amountFen, LocalDate start, LocalDate end,
      String note) {
  }

  /** 转办: the household referred to a department, to answer by {@code dueOn}. */
  public record NewReferral(String department, LocalDate dueOn, String note) {
  }

  /** A follow-up visit or answer; {@code referralId} (optional) names the referral it answers. */
  public record NewFollowUp(String note, Long referralId) {
  }
}
