package cn.bangfu.monitoring;

/** Where an alert stands. */
public enum AlertStatus {
  /** The indicator trips. */
  OPEN,
  /** The indicators no longer show it (income lifted over the line, a measure recorded ...). */
  RESOLVED,
  /** Closed by the regulator's 风险消除 on the chain. */
  CLOSED
}
