/**
 * The cooperative's book (DESIGN.md 8.1, issue 13): the money events that are not platform orders
 * or distributions — off-platform income, costs, members' contributions, 交售 bought from members,
 * payments of what the cooperative owes — each posted as a balanced entry on the chart of
 * 《农民专业合作社会计制度》 ({@link cn.bangfu.ledger.ChartAccount}); 结账 of a year
 * ({@link cn.bangfu.ledger.PeriodClose}); member accounts; and the statutory statements read from the
 * book alone ({@link cn.bangfu.book.BookStatements}, as JSON or .xlsx). Routes, service and repository
 * side by side.
 */
package cn.bangfu.book;
