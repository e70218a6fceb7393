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
  /** A delivery row (交售) bought at a price. */
  DELIVERY,
  /** A book_payment row. */
  PAYMENT,
  /** A fiscal year: the reference id is the year (2026). */
  PERIOD
}
