package cn.bangfu.ledger;

import cn.bangfu.db.tables.records.LedgerChainRecord;
import cn.bangfu.db.tables.records.LedgerEntryRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Recomputes every cooperative's hash chain from the rows and reports the first break: a changed
 * posting or entry field (content or entry hash), a posting re-pointed at another account or whose
 * account is gone, a deleted or inserted entry (sequence gap, prev-hash mismatch, head mismatch,
 * entry count off), or postings that belong to no entry.
 *
 * <p>Chain heads are read first; entries committed after that are beyond the heads and not checked,
 * so verification runs beside live posting without false alarms.
 */
public final class ChainVerifier {
  private static final int PAGE = 200;
  private static final long LINES_PER_BATCH = 100_000;

  public record Break(Long entryId, Long cooperativeId, String reason) {
  }

  public record Verification(boolean ok, long entriesChecked, int chainsChecked, Break firstBreak) {
  }

  private final HashChain hashChain;
  private final LedgerQueries queries;

  public ChainVerifier(HashChain hashChain, LedgerQueries queries) {
    this.hashChain = hashChain;
    this.queries = queries;
  }

  public Verification verify(DSLContext db) {
    List<LedgerChainRecord> chains = queries.chains(db);
    long checked = 0;
    for (LedgerChainRecord chain : chains) {
      ChainWalk walk = new ChainWalk(chain);
      Break broken = walk.run(db);
      checked += walk.checked;
      if (broken != null) {
        return new Verification(false, checked, chains.size(), broken);
      }
    }
    long outside = queries.entriesOutsideChains(db);
    if (outside != 0) {
      return new Verification(false, checked, chains.size(), new Break(null, null,
          outside + " entries are outside every hash chain: they were inserted around the ledger"));
    }
    long orphans = queries.orphanPostings(db);
    if (orphans != 0) {
      return new Verification(false, checked, chains.size(), new Break(null, null,
          orphans + " postings belong to no entry: an entry was deleted"));
    }
    return new Verification(true, checked, chains.size(), null);
  }

  /** One cooperative's chain, walked in seq order from genesis to the head read at the start. */
  private final class ChainWalk {
    private final LedgerChainRecord head;
    private byte[] prev = HashChain.GENESIS;
    private long expectedSeq = 1;
    private Long lastEntryId;
    long checked;

    ChainWalk(LedgerChainRecord head) {
      this.head = head;
    }

    Break run(DSLContext db) {
      long coop = head.getCooperativeId();
      while (expectedSeq <= head.getLastSeq()) {
        List<LedgerEntryRecord> page = queries.chainPage(db, coop, expectedSeq - 1, PAGE).stream()
            .filter(e -> e.getChainSeq() <= head.getLastSeq()).toList();
        if (page.isEmpty()) {
          return new Break(head.getLastEntryId(), coop, "the chain head is at seq " + head.getLastSeq()
              + " but the entries end at seq " + (expectedSeq - 1) + ": entries were deleted");
        }
        int from = 0;
        while (from < page.size()) {
          int to = from;
          long lines = 0;
          while (to < page.size() && (to == from || lines + page.get(to).getPostingCount() <= LINES_PER_BATCH)) {
            lines += page.get(to).getPostingCount();
            to++;
          }
          List<LedgerEntryRecord> batch = page.subList(from, to);
          Map<Long, List<HashChain.Line>> postings =
              queries.lines(db, batch.stream().map(LedgerEntryRecord::getId).toList());
          for (LedgerEntryRecord entry : batch) {
            Break broken = check(entry, postings.getOrDefault(entry.getId(), new ArrayList<>()));
            if (broken != null) {
              return broken;
            }
          }
          from = to;
        }
      }
      if (!Arrays.equals(prev, head.getLastHash()) || !java.util.Objects.equals(lastEntryId, head.getLastEntryId())) {
        return new Break(head.getLastEntryId(), coop, "the chain head does not match the last entry of the chain");
      }
      return null;
    }

    private Break check(LedgerEntryRecord e, List<HashChain.Line> lines) {
      long coop = head.getCooperativeId();
      if (e.getChainSeq() != expectedSeq) {
        return new Break(e.getId(), coop, "the chain jumps from seq " + (expectedSeq - 1) + " to "
            + e.getChainSeq() + ": an entry is missing");
      }
      if (!Arrays.equals(e.getPrevHash(), prev)) {
        return new Break(e.getId(), coop, "prev_hash does not match the hash of the entry before it");
      }
      long sum = 0;
      for (HashChain.Line line : lines) {
        if (line.ownerType() == null) {
          return new Break(e.getId(), coop, "a posting refers to an account that does not exist");
        }
        sum += line.amountFen();
      }
      if (lines.size() != e.getPostingCount()) {
        return new Break(e.getId(), coop, "the entry has " + lines.size() + " postings, it was written with "
            + e.getPostingCount());
      }
      if (sum != 0) {
        return new Break(e.getId(), coop, "the postings sum to " + sum + " fen, not 0");
      }
      byte[] content = hashChain.contentHash(e.getKind(), e.getReferenceType(), e.getReferenceId(),
          e.getIdempotencyRef(), e.getCooperativeId(), e.getEffectiveDate(), e.getReversesEntryId(), lines);
      if (!Arrays.equals(content, e.getContentHash())) {
        return new Break(e.getId(), coop, "the content hash does not match: a posting or an entry field was altered");
      }
      byte[] hash = hashChain.entryHash(prev, e.getId(), e.getCooperativeId(), e.getChainSeq(), content,
          e.getCausedBy(), e.getMemo(), e.getCreatedAt().toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
      if (!Arrays.equals(hash, e.getHash())) {
        return new Break(e.getId(), coop, "the entry hash does not match: the entry's metadata was altered");
      }
      prev = e.getHash();
      lastEntryId = e.getId();
      expectedSeq++;
      checked++;
      return null;
    }
  }
}
