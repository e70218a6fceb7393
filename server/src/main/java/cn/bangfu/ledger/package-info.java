/**
 * The double-entry ledger: insert-only, balanced entries hash-chained per cooperative, accounts,
 * trial balance and chain verification, closed years. Money moves only through {@code Ledger.post}
 * inside the caller's transaction.
 */
package cn.bangfu.ledger;
