package cn.bangfu.ledger;

import cn.bangfu.platform.JdbcBatch;
import cn.bangfu.platform.RecordStatements;
import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_CHAIN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;

import cn.bangfu.db.tables.records.LedgerAccountRecord;
import cn.bangfu.db.tables.records.LedgerEntryRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The posting side of the ledger's SQL: chain heads, entries, accounts and postings. Entries and
 * postings are only ever inserted. The bulk paths (account look-up and creation, postings) use JDBC
 * batches on the transaction's own connection: with the driver's rewriteBatchedStatements they become
 * multi-row INSERTs, the same statements a hand-written bulk load would send.
 * Reads for the HTTP side are in {@link LedgerQueries}.
 */
public final class LedgerRepository {
  private static final int CHUNK = 5_000;

  /** A unique index refused an entry; {@code index} says which (idempotency ref, reversal, chain seq). */
  public static final class DuplicateEntry extends RuntimeException {
    private final String index;

    DuplicateEntry(String index) {
      super(index, null, false, false);
      this.index = index;
    }

    public boolean isIdempotencyRef() {
      return index.contains("ux_ledger_entry_idempotency");
    }

    public boolean isReversal() {
      return index.contains("ux_ledger_entry_reverses");
    }
  }

  /** A cooperative's chain head: its last entry's sequence number, id (null before the first) and hash. */
  public record ChainHead(long cooperativeId, long lastSeq, Long lastEntryId, byte[] lastHash,
      LocalDateTime updatedAt) {
  }

  /**
   * Locks the cooperative's chain head for the rest of the caller's transaction, creating it on first
   * use. The creation is INSERT ... ON DUPLICATE KEY UPDATE, not INSERT IGNORE: IGNORE takes a shared
   * lock on the existing row, and two first posters both upgrading that to FOR UPDATE deadlock.
   */
  public ChainHead lockChain(DSLContext tx, long cooperativeId, LocalDateTime now) {
    return tx.connectionResult(conn -> {
      ChainHead head = selectHeadForUpdate(conn, cooperativeId);
      if (head == null) {
        try (PreparedStatement ps = conn.prepareStatement(CREATE_HEAD)) {
          ps.setLong(1, cooperativeId);
          ps.setBytes(2, HashChain.GENESIS);
          ps.setObject(3, now);
          ps.executeUpdate();
        }
        head = selectHeadForUpdate(conn, cooperativeId);
      }
      return head;
    });
  }

  // The posting hot path (head, entry) is plain JDBC on the transaction's connection: per posting
  // it saves the rendering of four jOOQ queries, which on two shared cores is a visible share.
  // The statements themselves are jOOQ's, rendered once (see RecordStatements); bound by position.
  /** Bound by position: cooperative id. Columns: last seq, last hash, last entry id, updated at. */
  private static final String SELECT_HEAD = RecordStatements.RENDERER
      .select(LEDGER_CHAIN.LAST_SEQ, LEDGER_CHAIN.LAST_HASH, LEDGER_CHAIN.LAST_ENTRY_ID, LEDGER_CHAIN.UPDATED_AT)
      .from(LEDGER_CHAIN).where(LEDGER_CHAIN.COOPERATIVE_ID.eq(DSL.param("cooperative", Long.class)))
      .forUpdate().getSQL();
  /** Bound by position: cooperative id, genesis hash, now. The update is a no-op that only takes the row lock. */
  private static final String CREATE_HEAD = RecordStatements.RENDERER
      .insertInto(LEDGER_CHAIN, LEDGER_CHAIN.COOPERATIVE_ID, LEDGER_CHAIN.LAST_SEQ, LEDGER_CHAIN.LAST_HASH,
          LEDGER_CHAIN.UPDATED_AT)
      .values(DSL.param("cooperative", Long.class), DSL.inline(0L), DSL.param("hash", byte[].class),
          DSL.param("now", LocalDateTime.class))
      .onDuplicateKeyUpdate().set(LEDGER_CHAIN.LAST_SEQ, LEDGER_CHAIN.LAST_SEQ)
      .getSQL();
  /** Bound by position: last seq, last entry id, last hash, updated at, cooperative id. */
  private static final String ADVANCE_HEAD = advanceHead(DSL.noCondition());
  /** As {@link #ADVANCE_HEAD}, then the expected last seq and last hash. */
  private static final String CLAIM_HEAD = advanceHead(
      LEDGER_CHAIN.LAST_SEQ.eq(DSL.param("seq", Long.class)).and(LEDGER_CHAIN.LAST_HASH.eq(DSL.param("hash", byte[].class))));
  private static final RecordStatements<LedgerEntryRecord> ENTRIES = new RecordStatements<>(LEDGER_ENTRY);

  private static String advanceHead(org.jooq.Condition expected) {
    return RecordStatements.RENDERER.update(LEDGER_CHAIN)
        .set(LEDGER_CHAIN.LAST_SEQ, DSL.param("seq", Long.class))
        .set(LEDGER_CHAIN.LAST_ENTRY_ID, DSL.param("entry", Long.class))
        .set(LEDGER_CHAIN.LAST_HASH, DSL.param("hash", byte[].class))
        .set(LEDGER_CHAIN.UPDATED_AT, DSL.param("now", LocalDateTime.class))
        .where(LEDGER_CHAIN.COOPERATIVE_ID.eq(DSL.param("cooperative", Long.class)))
        .and(expected)
        .getSQL();
  }

  private static ChainHead selectHeadForUpdate(Connection conn, long cooperativeId) throws java.sql.SQLException {
    try (PreparedStatement ps = conn.prepareStatement(SELECT_HEAD)) {
      ps.setLong(1, cooperativeId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new ChainHead(cooperativeId, rs.getLong(1), rs.getObject(3, Long.class),
            rs.getBytes(2), rs.getObject(4, LocalDateTime.class)) : null;
      }
    }
  }

  /** Moves the head (locked by {@link #lockChain} or {@link #claimChain}) to {@code next}. */
  public void advanceChain(DSLContext tx, ChainHead next) {
    tx.connection(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(ADVANCE_HEAD)) {
        bindHead(ps, next);
        ps.executeUpdate();
      }
    });
  }

  /**
   * Advances the head to {@code next} only if it still is {@code expected}, in one statement that
   * also takes the row lock: the posting hot path's replacement for SELECT ... FOR UPDATE plus UPDATE.
   * False (nothing changed) when another transaction moved the head since {@code expected} was seen.
   */
  public boolean claimChain(DSLContext tx, ChainHead expected, ChainHead next) {
    return tx.connectionResult(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(CLAIM_HEAD)) {
        bindHead(ps, next);
        ps.setLong(6, expected.lastSeq());
        ps.setBytes(7, expected.lastHash());
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static void bindHead(PreparedStatement ps, ChainHead head) throws java.sql.SQLException {
    ps.setLong(1, head.lastSeq());
    ps.setObject(2, head.lastEntryId());
    ps.setBytes(3, head.lastHash());
    ps.setObject(4, head.updatedAt());
    ps.setLong(5, head.cooperativeId());
  }

  public Optional<LedgerEntryRecord> entryByRef(DSLContext tx, String idempotencyRef) {
    return tx.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.IDEMPOTENCY_REF.eq(idempotencyRef)).fetchOptional();
  }

  public Optional<LedgerEntryRecord> entry(DSLContext tx, long entryId) {
    return tx.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(entryId)).fetchOptional();
  }

  public Optional<LedgerEntryRecord> reversalOf(DSLContext tx, long entryId) {
    return tx.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.REVERSES_ENTRY_ID.eq(entryId)).fetchOptional();
  }

  /** Inserts the entry row; a unique index refusing it surfaces as {@link DuplicateEntry}. */
  public void insertEntry(DSLContext tx, LedgerEntryRecord entry) {
    try {
      ENTRIES.insert(tx, entry);
    } catch (RecordStatements.DuplicateKey e) {
      throw new DuplicateEntry(e.getMessage());
    }
  }

  /** The chart account of {@code ref} without its household: the unit of one indexed look-up. */
  private record Book(long cooperativeId, ChartAccount account) {
  }

  /** Groups {@code refs} by cooperative and chart account, households sorted (a stable lock order). */
  private static Map<Book, List<Long>> byBook(java.util.Collection<AccountRef> refs) {
    Map<Book, TreeSet<Long>> groups = new TreeMap<>(java.util.Comparator.comparingLong(Book::cooperativeId)
        .thenComparing(Book::account));
    for (AccountRef ref : refs) {
      groups.computeIfAbsent(new Book(ref.cooperativeId(), ref.account()), k -> new TreeSet<>())
          .add(ref.householdId());
    }
    Map<Book, List<Long>> sorted = new java.util.LinkedHashMap<>();
    groups.forEach((k, v) -> sorted.put(k, new ArrayList<>(v)));
    return sorted;
  }

  /** Ids of the accounts among {@code refs} that exist (one indexed look-up per cooperative and chart account). */
  public Map<AccountRef, Long> findAccounts(Connection conn, java.util.Collection<AccountRef> refs)
      throws java.sql.SQLException {
    Map<AccountRef, Long> ids = new HashMap<>(refs.size() * 2);
    for (Map.Entry<Book, List<Long>> group : byBook(refs).entrySet()) {
      Book book = group.getKey();
      lookUp(conn, book, group.getValue())
          .forEach((household, id) -> ids.put(new AccountRef(book.cooperativeId(), book.account(), household), id));
    }
    return ids;
  }

  /**
   * Creates {@code refs} and returns the ids it gave them. Sorted by cooperative, chart account and
   * household so two creators lock in the same order. With {@code ignoreExisting} (INSERT IGNORE) an
   * account a concurrent creator made first is skipped and the returned id for it is wrong: read the
   * ids back. Without it, such an account fails the whole insert with a unique-index violation (SQLState 23…).
   */
  public Map<AccountRef, Long> createAccounts(Connection conn, java.util.Collection<AccountRef> refs,
      LongSupplier newId, LocalDateTime now, boolean ignoreExisting) throws java.sql.SQLException {
    Map<AccountRef, Long> ids = new HashMap<>(refs.size() * 2);
    for (Map.Entry<Book, List<Long>> group : byBook(refs).entrySet()) {
      Book book = group.getKey();
      create(conn, book, group.getValue(), newId, now, ignoreExisting)
          .forEach((household, id) -> ids.put(new AccountRef(book.cooperativeId(), book.account(), household), id));
    }
    return ids;
  }

  private static Map<Long, Long> lookUp(Connection conn, Book book, List<Long> households) {
    // jOOQ on the caller's connection (it is inside the transaction): the IN list changes length per
    // chunk, so there is no one statement to render ahead; values are bound, never spliced in
    DSLContext db = DSL.using(conn, RecordStatements.RENDERER.dialect(), RecordStatements.RENDERER.settings());
    Map<Long, Long> found = new HashMap<>(households.size() * 2);
    for (int from = 0; from < households.size(); from += CHUNK) {
      List<Long> chunk = households.subList(from, Math.min(households.size(), from + CHUNK));
      db.select(LEDGER_ACCOUNT.HOUSEHOLD_ID, LEDGER_ACCOUNT.ID).from(LEDGER_ACCOUNT)
          .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(book.cooperativeId()),
              LEDGER_ACCOUNT.CHART_CODE.eq(book.account().code()), LEDGER_ACCOUNT.HOUSEHOLD_ID.in(chunk))
          .fetch().forEach(r -> found.put(r.value1(), r.value2()));
    }
    return found;
  }

  /** Bound by position: id, cooperative id, chart code, household id (0 for the cooperative's own), created at. */
  private static String createAccount(boolean ignoreExisting) {
    var insert = RecordStatements.RENDERER.insertInto(LEDGER_ACCOUNT, LEDGER_ACCOUNT.ID,
            LEDGER_ACCOUNT.COOPERATIVE_ID, LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID,
            LEDGER_ACCOUNT.CURRENCY, LEDGER_ACCOUNT.CREATED_AT)
        .values(DSL.param("id", Long.class), DSL.param("cooperative", Long.class), DSL.param("code", String.class),
            DSL.param("household", Long.class), DSL.inline("CNY"), DSL.param("now", LocalDateTime.class));
    // INSERT IGNORE in this dialect
    return (ignoreExisting ? insert.onDuplicateKeyIgnore() : insert).getSQL();
  }

  private static final String CREATE_ACCOUNT = createAccount(false);
  private static final String CREATE_ACCOUNT_UNLESS_EXISTS = createAccount(true);

  private static Map<Long, Long> create(Connection conn, Book book, List<Long> households, LongSupplier newId,
      LocalDateTime now, boolean ignoreExisting) throws java.sql.SQLException {
    Map<Long, Long> ids = new HashMap<>(households.size() * 2);
    String sql = ignoreExisting ? CREATE_ACCOUNT_UNLESS_EXISTS : CREATE_ACCOUNT;
    try (PreparedStatement ps = conn.prepareStatement(sql); JdbcBatch batch = new JdbcBatch(ps, CHUNK * 4)) {
      for (long household : households) {
        long id = newId.getAsLong();
        ids.put(household, id);
        ps.setLong(1, id);
        ps.setLong(2, book.cooperativeId());
        ps.setString(3, book.account().code());
        ps.setLong(4, household);
        ps.setObject(5, now);
        batch.add();
      }
    }
    return ids;
  }

  /** Bound by position: entry id, line no, account id, amount, cooperative id, effective date. */
  private static final String INSERT_POSTING = RecordStatements.RENDERER
      .insertInto(LEDGER_POSTING, LEDGER_POSTING.ENTRY_ID, LEDGER_POSTING.LINE_NO, LEDGER_POSTING.ACCOUNT_ID,
          LEDGER_POSTING.AMOUNT_FEN, LEDGER_POSTING.COOPERATIVE_ID, LEDGER_POSTING.EFFECTIVE_DATE)
      .values(DSL.param("entry", Long.class), DSL.param("line", Integer.class), DSL.param("account", Long.class),
          DSL.param("amount", Long.class), DSL.param("cooperative", Long.class), DSL.param("date", LocalDate.class))
      .getSQL();

  /** The postings of one entry, line numbers 1..n, as JDBC batches (multi-row INSERTs on the wire). */
  public void insertPostings(DSLContext tx, long entryId, long cooperativeId, LocalDate effectiveDate,
      long[] accountIds, long[] amounts) {
    String sql = INSERT_POSTING;
    java.sql.Date date = java.sql.Date.valueOf(effectiveDate);
    tx.connection(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(sql); JdbcBatch batch = new JdbcBatch(ps, CHUNK * 4)) {
        for (int i = 0; i < accountIds.length; i++) {
          ps.setLong(1, entryId);
          ps.setInt(2, i + 1);
          ps.setLong(3, accountIds[i]);
          ps.setLong(4, amounts[i]);
          ps.setLong(5, cooperativeId);
          ps.setDate(6, date);
          batch.add();
        }
      }
    });
  }

  /** An entry's postings on their chart accounts (for reversal). */
  public List<Posting> postings(DSLContext tx, long entryId) {
    return tx.select(LEDGER_ACCOUNT.COOPERATIVE_ID, LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID,
            LEDGER_POSTING.AMOUNT_FEN)
        .from(LEDGER_POSTING).join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .where(LEDGER_POSTING.ENTRY_ID.eq(entryId))
        .orderBy(LEDGER_POSTING.LINE_NO)
        .fetch(r -> new Posting(new AccountRef(r.value1(), chartAccount(r.value2()), r.value3()), r.value4()));
  }

  static ChartAccount chartAccount(String code) {
    return ChartAccount.ofCode(code)
        .orElseThrow(() -> new IllegalStateException("ledger account with code " + code + " is not on the chart"));
  }

  public Optional<LedgerAccountRecord> account(DSLContext tx, long accountId) {
    return tx.selectFrom(LEDGER_ACCOUNT).where(LEDGER_ACCOUNT.ID.eq(accountId)).fetchOptional();
  }
}
