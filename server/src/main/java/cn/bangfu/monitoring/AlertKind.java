package cn.bangfu.monitoring;

/** What an alert warns of (DESIGN.md 8.3). */
public enum AlertKind {
  /** Per-capita income of the year under the monitoring line in force for the household's region. */
  BELOW_LINE,
  /** Income at least the configured share under last year's. */
  INCOME_DROP,
  /** Medical, illness or education spending over the configured share of income (刚性支出). */
  RIGID_EXPENDITURE,
  /** The same kind of assistance from two departments over overlapping periods (no duplicate assistance). */
  DUPLICATE_ASSISTANCE,
  /** An open alert with no measure recorded for the configured number of days (no omission). */
  NO_MEASURE,
  /** A posted distribution still unpaid to the household after the configured number of days. */
  UNPAID_DIVIDEND,
  /** A household able to work with no labour days this year (扶贫不扶懒 risk). */
  IDLE_LABOUR
}
