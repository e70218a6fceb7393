package cn.bangfu.distribution;

/**
 * Where an objection (异议) stands. Only OPEN objections block approval: the cooperative answers
 * one (ANSWERED), or the region's regulator dismisses it as unfounded or a duplicate (DISMISSED).
 */
public enum ObjectionStatus {
  OPEN, ANSWERED, DISMISSED;

  /** Why the regulator dismissed an objection. */
  public enum DismissalKind { UNFOUNDED, DUPLICATE }
}
