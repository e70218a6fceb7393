package cn.bangfu.ledger;

/** What an entry's reference id points at (a closed vocabulary, stored by name; names predating it unchanged). */
public enum ReferenceType {
  ORDER,
  DISTRIBUTION_RUN,
  /** A row of cooperative_income. */
  INCOME,
  /** A row of cooperative_cost. */
  COST,
  /** A row of member_contribution. */
  CONTRIBUTION,
  /** A cooperative's fiscal year being closed (reference id: the year). */
  FISCAL_YEAR
}
