/**
 * Procurement orders (以购代捐): placement against a lot without overselling, the status machine
 * ({@code OrderTransitions}) to settlement, which posts to the ledger (order writes go
 * through platform's {@code Idempotency}); the buyer's reserved-share (预留份额) and the cooperative's sales summaries.
 */
package cn.bangfu.orders;
