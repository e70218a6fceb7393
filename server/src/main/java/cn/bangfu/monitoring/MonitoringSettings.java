package cn.bangfu.monitoring;

import java.util.Map;

/**
 * The alert thresholds a county may tune, from the environment (README): income drop that warns
 * (percent under last year), rigid spending that warns (percent of the year's income), days an open
 * alert may wait for a measure, days a posted distribution may stay unpaid.
 */
public record MonitoringSettings(int incomeDropPercent, int rigidExpenditurePercent, int noMeasureDays,
    int unpaidDividendDays) {

  public static MonitoringSettings defaults() {
    return new MonitoringSettings(30, 50, 15, 30);
  }

  public static MonitoringSettings from(Map<String, String> environment) {
    MonitoringSettings d = defaults();
    return new MonitoringSettings(
        number(environment, "LEDGER_MONITORING_INCOME_DROP_PERCENT", d.incomeDropPercent(), 1, 100),
        number(environment, "LEDGER_MONITORING_RIGID_EXPENDITURE_PERCENT", d.rigidExpenditurePercent(), 1, 1000),
        number(environment, "LEDGER_MONITORING_NO_MEASURE_DAYS", d.noMeasureDays(), 1, 3650),
        number(environment, "LEDGER_MONITORING_UNPAID_DIVIDEND_DAYS", d.unpaidDividendDays(), 1, 3650));
  }

  private static int number(Map<String, String> environment, String name, int fallback, int min, int max) {
    String raw = environment.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below with the value
    }
    throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '"
        + raw + "'");
  }
}
