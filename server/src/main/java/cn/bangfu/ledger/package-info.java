/**
 * The double-entry ledger, which is each cooperative's statutory book (DESIGN.md 8.1): insert-only,
 * balanced entries hash-chained per cooperative, every account an account of the chart of
 * 《农民专业合作社会计制度》 ({@link cn.bangfu.ledger.ChartAccount}) kept by one cooperative (member
 * sub-accounts for 成员往来, 股金, 应付盈余返还, 应付剩余盈余), trial balance and chain verification,
 * 结账 and closed years ({@link cn.bangfu.ledger.PeriodClose}, {@link cn.bangfu.ledger.ClosedYears}).
 * Money moves only through {@code Ledger.post} inside the caller's transaction. Statements are sums
 * of postings by chart code and {@link cn.bangfu.ledger.ChartAccount.AccountClass}.
 */
package cn.bangfu.ledger;
