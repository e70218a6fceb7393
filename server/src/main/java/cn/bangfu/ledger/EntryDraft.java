package cn.bangfu.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry to post: two or more postings summing to exactly 0 fen, all on accounts of the
 * entry's cooperative (each cooperative's book stands on its own).
 *
 * @param kind what business event it records, e.g. ORDER_SETTLEMENT, DISTRIBUTION, REVERSAL
 * @param referenceType what it refers to, e.g. ORDER, DISTRIBUTION_RUN
 * @param referenceId the id of that thing
 * @param idempotencyRef unique per business event (e.g. "order-settlement:123"): posting the same
 *     ref twice yields one entry
 * @param cooperativeId the cooperative the entry belongs to (partitioning, per-cooperative views)
 * @param effectiveDate the business date (settledOn, period end)
 * @param causedBy the user id who caused it
 */
public record EntryDraft(EntryKind kind, ReferenceType referenceType, long referenceId, String idempotencyRef,
    long cooperativeId, LocalDate effectiveDate, long causedBy, String memo, List<Posting> postings) {
}
