package cn.bangfu.ledger;

/** What business event a journal entry records (stored by name; the name is part of the content hash). */
public enum EntryKind {
  /** A buyer paid a platform order: 银行存款 / 经营收入. */
  ORDER_SETTLEMENT,
  /** A posted distribution run: 盈余分配 / 盈余公积, 应付剩余盈余, 应付款. */
  DISTRIBUTION,
  /** A run paid out to members: 应付剩余盈余 / 银行存款. */
  DIVIDEND_PAYOUT,
  /** The exact negation of an earlier entry. */
  REVERSAL,
  /** Off-platform income: 银行存款 or 库存现金 / 经营收入 or 其他收入. */
  INCOME,
  /** A cost: 经营支出, 管理费用 or 其他支出 / 银行存款, 库存现金, 应付款 or 应付工资. */
  COST,
  /** A member's contribution: 银行存款 / 股金 (the member's) or 专项基金. */
  CONTRIBUTION,
  /** 交售 bought from a member at a price: 经营支出 / the member's 成员往来. */
  PRODUCE_PURCHASE,
  /** Paying what the cooperative owes: 应付工资, 应付款 or a member's 成员往来 / 银行存款 or 库存现金. */
  PAYMENT,
  /** 结账: the year's income and cost accounts into 本年盈余, then 本年盈余 into 盈余分配. */
  PERIOD_CLOSE
}
