package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 1: V14 moves the ledger onto the chart of 《农民专业合作社会计制度》 and loses nothing.
 * Entries are written in the shape of V2..V13 (accounts by owner and purpose, a buyer and a household
 * shared by two cooperatives), hashed as the poster hashed them then; after the migration every
 * chain still verifies, each amount sits on its chart account in its own cooperative's book, and
 * tampering with a migrated posting still shows.
 */
class ChartOfAccountsMigrationTest {
  static final long GRAPES = 7_001; // 岑峰村葡萄合作社
  static final long VEGETABLES = 7_002;
  static final long SCHOOL = 8_001; // buys from both
  static final long YANG = 9_001; // member of both
  static final long CHEN = 9_002;
  static final HashChain HASH = new HashChain(new byte[32]);

  static String url;
  static DSLContext db;

  record OldLine(String ownerType, long ownerId, String purpose, long amountFen) {
  }

  @BeforeAll
  static void migrateAnOldLedger() throws Exception {
    url = TestDatabase.serverUrl(TestDatabase.freshDatabase());
    Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
        .locations("classpath:db/migration").target("13").load().migrate();
    try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
      OldBook book = new OldBook(c);
      // 500 公斤 葡萄 at 12 元/公斤, settled by the school
      book.entry(GRAPES, "ORDER_SETTLEMENT", "ORDER", List.of(new OldLine("BUYER", SCHOOL, "BUYER_PROCUREMENT", 600_000),
          new OldLine("COOPERATIVE", GRAPES, "COOP_REVENUE", -600_000)));
      // a 3,600 元 pool: 10% provident fund, the rest to two members
      book.entry(GRAPES, "DISTRIBUTION", "DISTRIBUTION_RUN", List.of(
          new OldLine("COOPERATIVE", GRAPES, "COOP_REVENUE", 360_000),
          new OldLine("COOPERATIVE", GRAPES, "PROVIDENT_FUND", -36_000),
          new OldLine("HOUSEHOLD", YANG, "DIVIDEND_PAYABLE", -200_000),
          new OldLine("HOUSEHOLD", CHEN, "DIVIDEND_PAYABLE", -124_000)));
      book.entry(GRAPES, "DIVIDEND_PAYOUT", "DISTRIBUTION_RUN", List.of(
          new OldLine("HOUSEHOLD", YANG, "DIVIDEND_PAYABLE", 200_000),
          new OldLine("HOUSEHOLD", YANG, "DIVIDEND_PAID", -200_000)));
      book.entry(VEGETABLES, "ORDER_SETTLEMENT", "ORDER", List.of(new OldLine("BUYER", SCHOOL, "BUYER_PROCUREMENT", 250_000),
          new OldLine("COOPERATIVE", VEGETABLES, "COOP_REVENUE", -250_000)));
      book.entry(VEGETABLES, "DISTRIBUTION", "DISTRIBUTION_RUN", List.of(
          new OldLine("COOPERATIVE", VEGETABLES, "COOP_REVENUE", 100_000),
          new OldLine("HOUSEHOLD", YANG, "DIVIDEND_PAYABLE", -100_000)));
      book.heads();
    }
    Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
        .locations("classpath:db/migration").load().migrate();
    db = DSL.using(url, TestDatabase.user(), TestDatabase.password());
  }

  /** Writes entries as JournalPoster wrote them before V14: legacy accounts, legacy content hash, one chain per cooperative. */
  static final class OldBook {
    final Connection c;
    final Map<String, Long> accounts = new HashMap<>();
    final Map<Long, byte[]> prev = new HashMap<>();
    final Map<Long, long[]> seqAndLast = new HashMap<>();
    long nextId = 1_000_000;

    OldBook(Connection c) {
      this.c = c;
    }

    long account(OldLine line, long coop) throws Exception {
      String key = line.ownerType() + ":" + line.ownerId() + ":" + line.purpose();
      Long id = accounts.get(key);
      if (id != null) {
        return id;
      }
      long created = nextId++;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_account (id, owner_type, owner_id, purpose,"
          + " cooperative_id, currency, created_at) VALUES (?, ?, ?, ?, ?, 'CNY', '2026-01-01 00:00:00')")) {
        ps.setLong(1, created);
        ps.setString(2, line.ownerType());
        ps.setLong(3, line.ownerId());
        ps.setString(4, line.purpose());
        ps.setObject(5, line.ownerType().equals("COOPERATIVE") ? line.ownerId() : null);
        ps.executeUpdate();
      }
      accounts.put(key, created);
      return created;
    }

    void entry(long coop, String kind, String referenceType, List<OldLine> lines) throws Exception {
      long id = nextId++;
      long seq = seqAndLast.computeIfAbsent(coop, k -> new long[2])[0] + 1;
      LocalDate date = LocalDate.of(2026, 12, 31);
      LocalDateTime createdAt = LocalDateTime.of(2027, 1, 5, 9, 30, 0, 123_000_000);
      List<HashChain.Line> hashed = new ArrayList<>();
      lines.forEach(l -> hashed.add(new HashChain.Line(l.ownerType(), l.ownerId(), l.purpose(), l.amountFen())));
      byte[] content = HASH.contentHash(kind, referenceType, id, "old:" + id, coop, date, null, hashed);
      byte[] before = prev.getOrDefault(coop, HashChain.GENESIS);
      byte[] hash = HASH.entryHash(before, id, coop, seq, content, 1, null,
          createdAt.toInstant(ZoneOffset.UTC).toEpochMilli());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entry (id, cooperative_id, chain_seq, kind,"
          + " reference_type, reference_id, idempotency_ref, caused_by, memo, effective_date, created_at,"
          + " reverses_entry_id, posting_count, content_hash, prev_hash, hash)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, NULL, ?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setLong(2, coop);
        ps.setLong(3, seq);
        ps.setString(4, kind);
        ps.setString(5, referenceType);
        ps.setLong(6, id);
        ps.setString(7, "old:" + id);
        ps.setObject(8, date);
        // as text: Connector/J takes MariaDB 10.x for MySQL 5.5 and drops a LocalDateTime's milliseconds,
        // which the hash covers (issue 19; the server binds times the same way, platform.FractionalSeconds)
        ps.setString(9, createdAt.toLocalDate() + " " + createdAt.toLocalTime());
        ps.setInt(10, lines.size());
        ps.setBytes(11, content);
        ps.setBytes(12, before);
        ps.setBytes(13, hash);
        ps.executeUpdate();
      }
      int lineNo = 1;
      for (OldLine line : lines) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_posting (entry_id, line_no, account_id,"
            + " amount_fen, cooperative_id, effective_date) VALUES (?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, id);
          ps.setInt(2, lineNo++);
          ps.setLong(3, account(line, coop));
          ps.setLong(4, line.amountFen());
          ps.setLong(5, coop);
          ps.setObject(6, date);
          ps.executeUpdate();
        }
      }
      prev.put(coop, hash);
      seqAndLast.put(coop, new long[] {seq, id});
    }

    void heads() throws Exception {
      for (Map.Entry<Long, long[]> head : seqAndLast.entrySet()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_chain (cooperative_id, last_seq,"
            + " last_entry_id, last_hash, updated_at) VALUES (?, ?, ?, ?, '2027-01-05 09:30:00')")) {
          ps.setLong(1, head.getKey());
          ps.setLong(2, head.getValue()[0]);
          ps.setLong(3, head.getValue()[1]);
          ps.setBytes(4, prev.get(head.getKey()));
          ps.executeUpdate();
        }
      }
    }
  }

  static long balance(long coop, ChartAccount account, long household) {
    BigDecimal sum = db.select(DSL.sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
        .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(coop), LEDGER_ACCOUNT.CHART_CODE.eq(account.code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(household))
        .fetchOne(0, BigDecimal.class);
    return sum == null ? 0 : sum.longValueExact();
  }

  @Test
  void given_entries_posted_before_the_chart_when_migrated_then_every_chain_still_verifies() {
    ChainVerifier.Verification v = new ChainVerifier(HASH, new LedgerQueries()).verify(db);

    assertThat(v.firstBreak()).isNull();
    assertThat(v.ok()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(5);
    assertThat(v.chainsChecked()).isEqualTo(2);
  }

  @Test
  void given_entries_posted_before_the_chart_when_migrated_then_each_amount_is_on_its_chart_account_in_its_own_book() {
    assertThat(balance(GRAPES, ChartAccount.BANK_DEPOSIT, 0)).as("银行存款: 6,000 元 in, 2,000 元 paid out")
        .isEqualTo(400_000);
    assertThat(balance(GRAPES, ChartAccount.OPERATING_REVENUE, 0)).as("经营收入").isEqualTo(-600_000);
    assertThat(balance(GRAPES, ChartAccount.SURPLUS_DISTRIBUTION, 0)).as("盈余分配").isEqualTo(360_000);
    assertThat(balance(GRAPES, ChartAccount.SURPLUS_RESERVE, 0)).as("盈余公积").isEqualTo(-36_000);
    assertThat(balance(GRAPES, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, YANG)).as("杨: paid").isZero();
    assertThat(balance(GRAPES, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, CHEN)).isEqualTo(-124_000);
    // the household's one shared account became a sub-account in each cooperative's book
    assertThat(balance(VEGETABLES, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, YANG)).isEqualTo(-100_000);
    assertThat(balance(VEGETABLES, ChartAccount.BANK_DEPOSIT, 0)).isEqualTo(250_000);
    for (long coop : List.of(GRAPES, VEGETABLES)) {
      BigDecimal total = db.select(DSL.sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
          .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
          .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(coop)).fetchOne(0, BigDecimal.class);
      assertThat(total.longValueExact()).as("trial balance of " + coop).isZero();
    }
    assertThat(db.fetchCount(LEDGER_POSTING, LEDGER_POSTING.HASHED_ACCOUNT_ID.isNull()))
        .as("every old posting remembers the account it was hashed with").isZero();
    assertThat(db.fetchCount(LEDGER_POSTING)).as("2 + 4 + 2 + 2 + 2 lines, none lost").isEqualTo(12);
  }

  @Test
  void given_a_migrated_posting_when_its_amount_is_altered_then_verification_finds_it() {
    Long entry = db.select(LEDGER_POSTING.ENTRY_ID).from(LEDGER_POSTING)
        .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .where(LEDGER_ACCOUNT.CHART_CODE.eq(ChartAccount.SURPLUS_RESERVE.code())).fetchOne(LEDGER_POSTING.ENTRY_ID);
    try {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN, LEDGER_POSTING.AMOUNT_FEN.plus(1))
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(2)).execute();
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN, LEDGER_POSTING.AMOUNT_FEN.minus(1))
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(3)).execute();
      ChainVerifier.Verification v = new ChainVerifier(HASH, new LedgerQueries()).verify(db);
      assertThat(v.ok()).isFalse();
      assertThat(v.firstBreak().entryId()).isEqualTo(entry);
      assertThat(v.firstBreak().reason()).contains("content hash");
    } finally {
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN, LEDGER_POSTING.AMOUNT_FEN.minus(1))
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(2)).execute();
      db.update(LEDGER_POSTING).set(LEDGER_POSTING.AMOUNT_FEN, LEDGER_POSTING.AMOUNT_FEN.plus(1))
          .where(LEDGER_POSTING.ENTRY_ID.eq(entry), LEDGER_POSTING.LINE_NO.eq(3)).execute();
    }
  }
}
