package cn.bangfu.ledger;

/** What an entry's reference id names (stored by name; the name is part of the content hash). */
public enum ReferenceType {
  ORDER,
  DISTRIBUTION_RUN,
  /** A cooperative_income row. */
  INCOME,
  /** A cost_record row. */
  COST,
  /** A member_contribution row. */
  CONTRIBUTION,
  /** A fiscal year: the reference id is the year (2026). */
  PERIOD
}
