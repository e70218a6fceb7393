package cn.bangfu.ledger;

/** What an entry's reference id names (stored by name; the name is part of the content hash). */
public enum ReferenceType {
  ORDER,
  DISTRIBUTION_RUN
}
