package cn.bangfu.ledger;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.LedgerEntryRecord;
import cn.bangfu.ledger.LedgerRepository.ChainHead;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Writes journal entries: the {@link Ledger} implementation, plus reversals.
 *
 * <p>Order of work in the caller's transaction: validate (nothing touched yet) → lock the
 * cooperative's chain head (claim it against the last head this instance wrote, else read it FOR
 * UPDATE) → insert the entry (its UNIQUE idempotency ref is the guard, no read-then-write: a repeat
 * or a concurrent twin fails here and gets the first entry back) → resolve accounts
 * ({@link AccountDirectory}) → batch-insert postings → advance the chain head (unless the claim did).
 * Accounts are resolved after the entry insert so a duplicate creates nothing.
 */
public final class JournalPoster implements Ledger {
  private static final int MAX_POSTINGS = 1_000_000;
  private static final int MAX_CACHED_HEADS = 100_000;

  private final LedgerRepository repository;
  private final BusinessClock clock;
  private final AccountDirectory accounts;
  private final HashChain chain;
  private final Ids ids;
  /**
   * The head this instance last wrote per cooperative: a guess, not a truth. A posting claims the head
   * with one conditional UPDATE against the guess; if another transaction or instance moved it (or the
   * guessed write rolled back), the claim changes nothing and the poster falls back to SELECT ... FOR
   * UPDATE. Either way the database row decides, so the chain cannot fork.
   */
  private final Cache<Long, ChainHead> heads = Caffeine.newBuilder().maximumSize(MAX_CACHED_HEADS).build();

  public JournalPoster(LedgerRepository repository, AccountDirectory accounts, HashChain chain, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.repository = repository;
    this.accounts = accounts;
    this.chain = chain;
    this.ids = ids;
  }

  @Override
  public PostedEntry post(DSLContext tx, EntryDraft draft) {
    validate(draft);
    return write(tx, draft, null);
  }

  /**
   * Posts the reversing entry of {@code entryId}: every posting negated, pointing at the original.
   * An entry is reversed at most once (a unique index); reversing with the same idempotency ref again
   * returns the first reversal. A reversal cannot itself be reversed: post a new entry instead.
   */
  public PostedEntry reverse(DSLContext tx, long entryId, String idempotencyRef, LocalDate effectiveDate,
      long causedBy, String memo) {
    LedgerEntryRecord original = repository.entry(tx, entryId)
        .orElseThrow(() -> Problem.notFound("ledger entry", Long.toString(entryId)));
    if (original.getReversesEntryId() != null) {
      throw Problem.unprocessable("reversal-of-reversal",
          "entry " + entryId + " is itself a reversal; post a new entry instead");
    }
    List<Posting> negated = new ArrayList<>();
    for (Posting posting : repository.postings(tx, entryId)) {
      negated.add(new Posting(posting.account(), -posting.amountFen()));
    }
    EntryDraft draft = new EntryDraft(EntryKind.REVERSAL, ReferenceType.valueOf(original.getReferenceType()),
        original.getReferenceId(),
        idempotencyRef, original.getCooperativeId(), effectiveDate, causedBy, memo, negated);
    validate(draft);
    return write(tx, draft, entryId);
  }

  private PostedEntry write(DSLContext tx, EntryDraft draft, Long reverses) {
    List<HashChain.Line> lines = HashChain.lines(draft.postings());
    byte[] contentHash = chain.contentHash(draft.kind().name(), draft.referenceType().name(), draft.referenceId(),
        draft.idempotencyRef(), draft.cooperativeId(), draft.effectiveDate(), reverses, lines);
    LocalDateTime now = clock.now();
    long entryId = ids.next();
    ChainHead guess = heads.getIfPresent(draft.cooperativeId());
    ChainHead head = guess;
    ChainHead next = guess == null ? null : nextHead(guess, entryId, draft, contentHash, now);
    boolean claimed = next != null && repository.claimChain(tx, guess, next);
    if (!claimed) {
      head = repository.lockChain(tx, draft.cooperativeId(), now);
      next = nextHead(head, entryId, draft, contentHash, now);
    }
    LedgerEntryRecord entry = new LedgerEntryRecord().setId(entryId).setCooperativeId(draft.cooperativeId())
        .setChainSeq(next.lastSeq()).setKind(draft.kind().name()).setReferenceType(draft.referenceType().name())
        .setReferenceId(draft.referenceId()).setIdempotencyRef(draft.idempotencyRef())
        .setCausedBy(draft.causedBy()).setMemo(draft.memo()).setEffectiveDate(draft.effectiveDate())
        .setCreatedAt(now).setReversesEntryId(reverses).setPostingCount(draft.postings().size())
        .setContentHash(contentHash).setPrevHash(head.lastHash()).setHash(next.lastHash());
    try {
      repository.insertEntry(tx, entry);
    } catch (LedgerRepository.DuplicateEntry e) {
      if (claimed) {
        repository.advanceChain(tx, head); // the claim moved the head for an entry that will not exist
      }
      if (e.isIdempotencyRef()) {
        LedgerEntryRecord winner = repository.entryByRef(tx, draft.idempotencyRef())
            .orElseThrow(() -> new IllegalStateException("idempotency ref vanished: " + draft.idempotencyRef()));
        return alreadyPosted(winner, contentHash);
      }
      if (e.isReversal()) {
        throw Problem.conflict("already-reversed", "entry " + reverses + " has already been reversed", null);
      }
      throw e;
    }
    List<Posting> postings = draft.postings();
    Map<AccountRef, Long> accountIdOf = accounts.resolve(tx,
        new LinkedHashSet<>(postings.stream().map(Posting::account).toList()));
    long[] accountIds = new long[postings.size()];
    long[] amounts = new long[postings.size()];
    for (int i = 0; i < accountIds.length; i++) {
      accountIds[i] = accountIdOf.get(postings.get(i).account());
      amounts[i] = postings.get(i).amountFen();
    }
    repository.insertPostings(tx, entryId, draft.cooperativeId(), draft.effectiveDate(), accountIds, amounts);
    if (!claimed) {
      repository.advanceChain(tx, next);
    }
    rememberHead(next);
    return new PostedEntry(entryId, draft.idempotencyRef(), now.toInstant(ZoneOffset.UTC), false);
  }

  private ChainHead nextHead(ChainHead head, long entryId, EntryDraft draft, byte[] contentHash,
      LocalDateTime now) {
    long seq = head.lastSeq() + 1;
    byte[] hash = chain.entryHash(head.lastHash(), entryId, draft.cooperativeId(), seq, contentHash,
        draft.causedBy(), draft.memo(), now.toInstant(ZoneOffset.UTC).toEpochMilli());
    return new ChainHead(draft.cooperativeId(), seq, entryId, hash, now);
  }

  private void rememberHead(ChainHead head) {
    heads.put(head.cooperativeId(), head);
  }

  private static PostedEntry alreadyPosted(LedgerEntryRecord existing, byte[] contentHash) {
    if (!Arrays.equals(existing.getContentHash(), contentHash)) {
      throw Problem.unprocessable("idempotency-conflict", "idempotency ref " + existing.getIdempotencyRef()
          + " was already posted (entry " + existing.getId() + ") with different content");
    }
    return new PostedEntry(existing.getId(), existing.getIdempotencyRef(),
        existing.getCreatedAt().toInstant(ZoneOffset.UTC), true);
  }

  /** Refuses a draft that would not be a valid entry; runs before anything is written. */
  static void validate(EntryDraft draft) {
    if (draft.kind() == null) {
      throw unbalanced("kind", "an entry needs a kind");
    }
    if (draft.referenceType() == null) {
      throw unbalanced("referenceType", "an entry needs a reference type");
    }
    require(draft.idempotencyRef(), "idempotencyRef", 190);
    if (draft.memo() != null && draft.memo().length() > 500) {
      throw unbalanced("memo", "memo is longer than 500 characters");
    }
    if (draft.effectiveDate() == null) {
      throw unbalanced("effectiveDate", "an entry needs an effective date");
    }
    if (draft.cooperativeId() < 0) {
      throw unbalanced("cooperativeId", "cooperativeId must not be negative");
    }
    List<Posting> postings = draft.postings();
    if (postings == null || postings.size() < 2) {
      throw unbalanced("postings", "an entry needs at least two postings");
    }
    if (postings.size() > MAX_POSTINGS) {
      throw unbalanced("postings", "an entry may have at most " + MAX_POSTINGS + " postings");
    }
    long sum = 0;
    for (int i = 0; i < postings.size(); i++) {
      Posting p = postings.get(i);
      if (p == null || p.account() == null) {
        throw unbalanced("postings[" + i + "].account", "posting " + i + " names no account");
      }
      if (p.account().cooperativeId() != draft.cooperativeId()) {
        // each cooperative's book stands on its own: an entry never touches another cooperative's accounts
        throw unbalanced("postings[" + i + "].account", "posting " + i + " is on an account of cooperative "
            + p.account().cooperativeId() + ", the entry belongs to cooperative " + draft.cooperativeId());
      }
      if (p.amountFen() == 0) {
        throw unbalanced("postings[" + i + "].amountFen", "posting " + i + " is zero");
      }
      try {
        sum = Math.addExact(sum, p.amountFen());
      } catch (ArithmeticException e) {
        throw unbalanced("postings", "the postings overflow 64-bit fen");
      }
    }
    if (sum != 0) {
      throw unbalanced("postings", "the postings sum to " + sum + " fen, not 0: an entry must balance");
    }
  }

  private static void require(String value, String field, int maxLength) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw unbalanced(field, field + " is required (1-" + maxLength + " characters)");
    }
  }

  private static Problem unbalanced(String field, String detail) {
    return new Problem(422, "invalid-entry", "Entry cannot be posted", detail, field);
  }
}
