/**
 * The institutional buyer's console {@code /buyer} (issue 16, DESIGN.md 8.2): find lots, post a demand and
 * read its ranked matches in plain words, order with an idempotent submit, accept and settle, the reserved
 * share (预留份额) against this year's purchases by month, and the purchases for the finance office. Every
 * figure and change goes through the services the API calls (supply, matching, orders) with the signed-in
 * buyer; this package only turns them into Chinese pages and forms into their commands.
 */
package cn.bangfu.buyer;
