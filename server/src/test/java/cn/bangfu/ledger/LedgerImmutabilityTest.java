package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Invariant 3: ledger entries are immutable; a mistake is corrected by a reversing entry, never by
 * UPDATE or DELETE. Checked two ways: no production source can issue such a statement, and a
 * reversal leaves the original entry's rows exactly as they were.
 */
class LedgerImmutabilityTest {
  @ClassServer static TestServer server;

  private static final Pattern WRITES_TO_LEDGER_ROWS = Pattern.compile(
      "(update|deleteFrom|delete)\\s*\\(\\s*LEDGER_(ENTRY|POSTING)\\b"
          + "|(update|delete\\s+from)\\s+[`\"]?ledger_(entry|posting)\\b"
          + "|LEDGER_(ENTRY|POSTING)\\.getName\\(\\)[^;]*(UPDATE|DELETE)"
          + "|Ledger(Entry|Posting)Record[^;]*\\.(store|update|delete)\\(\\)",
      Pattern.CASE_INSENSITIVE);

  @Test
  void no_production_source_updates_or_deletes_ledger_entries_or_postings() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        var matcher = WRITES_TO_LEDGER_ROWS.matcher(text);
        while (matcher.find()) {
          offenders.add(file + ": " + matcher.group());
        }
      }
    }
    assertThat(offenders).isEmpty();
    // the pattern itself is alive: it catches the statement it forbids
    assertThat(WRITES_TO_LEDGER_ROWS.matcher("db.update(LEDGER_POSTING).set(x)").find()).isTrue();
    assertThat(WRITES_TO_LEDGER_ROWS.matcher("DELETE FROM ledger_entry WHERE id = 1".toLowerCase(Locale.ROOT)).find())
        .isTrue();
  }

  @Test
  void given_a_posted_entry_when_it_is_reversed_then_its_own_rows_are_unchanged() {
    long coop = 7_001;
    EntryDraft settlement = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, 77, "immutability:77", coop,
        LocalDate.of(2026, 9, 10), 1, "12 元/公斤 × 500 公斤", List.of(
            new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), 600_000),
            new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), -600_000)));
    var db = server.server().database().dsl();
    PostedEntry posted = db.transactionResult(tx -> server.server().ledger().post(tx.dsl(), settlement));
    var entryBefore = db.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(posted.entryId())).fetchOne().intoMap();
    var postingsBefore = db.selectFrom(LEDGER_POSTING).where(LEDGER_POSTING.ENTRY_ID.eq(posted.entryId()))
        .orderBy(LEDGER_POSTING.LINE_NO).fetchMaps();

    db.transaction(tx -> server.server().ledger().reverse(tx.dsl(), posted.entryId(), "immutability:77:reversal",
        LocalDate.of(2026, 9, 11), 1, "录入错误"));

    var entryAfter = db.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ID.eq(posted.entryId())).fetchOne().intoMap();
    var postingsAfter = db.selectFrom(LEDGER_POSTING).where(LEDGER_POSTING.ENTRY_ID.eq(posted.entryId()))
        .orderBy(LEDGER_POSTING.LINE_NO).fetchMaps();
    assertThat(entryAfter.keySet()).isEqualTo(entryBefore.keySet());
    entryBefore.forEach((column, value) -> assertThat(entryAfter.get(column)).as(column).isEqualTo(value));
    assertThat(postingsAfter).isEqualTo(postingsBefore);
    assertThat(db.fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.REVERSES_ENTRY_ID.eq(posted.entryId()))).isEqualTo(1);
    assertThat(server.http.get("/api/v1/ledger/verify", server.adminToken).body().getBoolean("ok")).isTrue();
  }
}
