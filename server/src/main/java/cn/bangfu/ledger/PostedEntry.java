package cn.bangfu.ledger;

import java.time.Instant;

/** An entry as stored; {@code alreadyPosted} is true when the idempotency ref had been posted before. */
public record PostedEntry(long entryId, String idempotencyRef, Instant postedAt, boolean alreadyPosted) {
}
