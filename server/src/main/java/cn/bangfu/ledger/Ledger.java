package cn.bangfu.ledger;

import org.jooq.DSLContext;

/**
 * The one way money enters the books. Orders and distributions post through it, inside their own
 * database transaction, so a business change and its ledger entry commit together or not at all.
 */
public interface Ledger {
  /**
   * Posts {@code draft} in the caller's transaction {@code tx}.
   * An unbalanced draft, a zero posting or fewer than two postings is refused (nothing written).
   * The same idempotencyRef posted again returns the first entry with alreadyPosted = true and writes
   * nothing (enforced by a unique index, so also across concurrent transactions and instances).
   */
  PostedEntry post(DSLContext tx, EntryDraft draft);
}
