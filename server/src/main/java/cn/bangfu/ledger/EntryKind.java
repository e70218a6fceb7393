package cn.bangfu.ledger;

/**
 * What business event an entry records (issue 18 point 5: a closed vocabulary, stored by name). The
 * names of the kinds posted before the chart (ORDER_SETTLEMENT, DISTRIBUTION, DIVIDEND_PAYOUT,
 * REVERSAL) are unchanged: the content hash covers the kind's name, so stored hashes stay valid.
 */
public enum EntryKind {
  /** A platform order paid by its buyer: 银行存款 / 经营收入. */
  ORDER_SETTLEMENT,
  /** Income outside platform orders (other sales, subsidies, PV grid income, services). */
  INCOME,
  /** A cost of the cooperative (经营支出 / 管理费用 / 其他支出). */
  COST,
  /** A member's 股金 or quantified fiscal/donated property. */
  CONTRIBUTION,
  /** 盈余分配 of a posted distribution run. */
  DISTRIBUTION,
  /** The run's payout: payables settled from 银行存款. */
  DIVIDEND_PAYOUT,
  /** 结账: the year's income and costs into 本年盈余, then into 盈余分配. */
  PERIOD_CLOSE,
  /** The negation of an earlier entry. */
  REVERSAL
}
