package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.HOUSEHOLD;

import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.platform.CsvFile;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.Masking;
import cn.bangfu.rules.result.Money;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Record;

/**
 * The bank batch file for 一卡通 payment of a posted run: one row per household with its masked name,
 * the account reference the bank matches on (the household's registry id) and the amount. The bank
 * holds the card numbers; this file never carries an identity number.
 */
public final class PayoutFile {
  private final Database database;
  private final DistributionRepository runs;
  private final DistributionService lifecycle;

  public PayoutFile(Database database, DistributionRepository runs, DistributionService lifecycle) {
    this.database = database;
    this.runs = runs;
    this.lifecycle = lifecycle;
  }

  public Future<Buffer> csv(Principal caller, long runId) {
    return database.read(db -> {
      DistributionRunRecord run = lifecycle.visibleRun(db, caller, runId, false);
      if (RunStatus.POSTED != run.getStatus()) {
        throw Problem.conflict("wrong-status", "only a posted run is paid out; this one is " + run.getStatus(), null);
      }
      Map<Long, String> names = new LinkedHashMap<>();
      Map<Long, Long> amounts = new LinkedHashMap<>();
      for (Record r : runs.linesWithHouseholds(db, runId)) {
        Long household = r.get(DISTRIBUTION_LINE.HOUSEHOLD_ID);
        if (household != null && r.get(DISTRIBUTION_LINE.AMOUNT_FEN) != 0) {
          names.put(household, Masking.name(r.get(HOUSEHOLD.NAME)));
          amounts.merge(household, r.get(DISTRIBUTION_LINE.AMOUNT_FEN), Math::addExact);
        }
      }
      CsvFile csv = new CsvFile().row("户主", "账户参考号", "金额（元）", "金额（分）", "批次");
      amounts.forEach((household, fen) -> csv.row(names.get(household), household, Money.plainYuan(fen), fen,
          runId));
      return csv.toBuffer();
    });
  }
}
