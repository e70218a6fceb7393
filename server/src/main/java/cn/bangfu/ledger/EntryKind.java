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
  REVERSAL
}
