/**
 * The cooperative's book (DESIGN.md 8.1, issue 13): the money events that are not platform orders
 * or distributions — off-platform income, costs, members' contributions — each posted as a balanced
 * entry on the chart of 《农民专业合作社会计制度》 ({@link cn.bangfu.ledger.ChartAccount}), and 结账 of a
 * year ({@link cn.bangfu.ledger.PeriodClose}). Routes, service and repository side by side.
 */
package cn.bangfu.book;
