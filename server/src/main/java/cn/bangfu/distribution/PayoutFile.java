package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.HOUSEHOLD;

import cn.bangfu.bankaccount.BankAccountService;
import cn.bangfu.bankaccount.BankAccountService.Payee;
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
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The bank batch file for 一卡通 payment of a posted run (issue 14 point 9), and the list of the run's
 * households the bank cannot pay because no account is recorded. Columns are documented in the README
 * ("Payout bank batch file"); amounts in 元 with two decimals; a final 合计 line carries the count and the
 * total so the bank's upload checks the file against the run. The account number appears in full only
 * here: every other answer shows it masked.
 */
public final class PayoutFile {
  /** The batch file's columns, in order. */
  static final String[] COLUMNS = {"序号", "收款人姓名", "收款账号", "开户银行", "金额（元）", "摘要", "户编号"};
  /** The exception list's columns, in order. */
  static final String[] EXCEPTION_COLUMNS = {"序号", "户主", "户编号", "金额（元）", "原因"};
  static final String TOTAL = "合计";

  private final Database database;
  private final DistributionRepository runs;
  private final DistributionService lifecycle;
  private final BankAccountService accounts;

  public PayoutFile(Database database, DistributionRepository runs, DistributionService lifecycle,
      BankAccountService accounts) {
    this.database = database;
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.accounts = accounts;
  }

  /** Households with an account: one row each, then 合计 with the count and the total. */
  public Future<Buffer> csv(Principal caller, long runId) {
    return database.read(db -> {
      DistributionRunRecord run = postedRun(db, caller, runId);
      Map<Long, Long> amounts = new LinkedHashMap<>();
      amountsByHousehold(db, runId, amounts, new LinkedHashMap<>());
      Map<Long, Payee> payees = accounts.decryptAll(db, amounts.keySet());
      String purpose = "收益分配 " + run.getPeriodStart() + "至" + run.getPeriodEnd() + " 批次" + runId;
      CsvFile csv = new CsvFile().row((Object[]) COLUMNS);
      int count = 0;
      long total = 0;
      for (Map.Entry<Long, Long> e : amounts.entrySet()) {
        Payee payee = payees.get(e.getKey());
        if (payee == null) {
          continue;
        }
        count++;
        total = Math.addExact(total, e.getValue());
        csv.row(count, payee.holderName(), payee.accountNumber(), payee.bankName(), Money.plainYuan(e.getValue()),
            purpose, e.getKey());
      }
      csv.row(TOTAL, count, "", "", Money.plainYuan(total), "共 " + count + " 笔", "");
      return csv.toBuffer();
    });
  }

  /**
   * Households of the run with money to receive and no account recorded: masked, with their amount and why,
   * then 合计. The cooperative records their accounts and fetches the batch file again, or pays them otherwise.
   */
  public Future<Buffer> exceptions(Principal caller, long runId) {
    return database.read(db -> {
      postedRun(db, caller, runId);
      Map<Long, Long> amounts = new LinkedHashMap<>();
      Map<Long, String> names = new LinkedHashMap<>();
      amountsByHousehold(db, runId, amounts, names);
      Map<Long, Payee> payees = accounts.decryptAll(db, amounts.keySet());
      CsvFile csv = new CsvFile().row((Object[]) EXCEPTION_COLUMNS);
      int count = 0;
      long total = 0;
      for (Map.Entry<Long, Long> e : amounts.entrySet()) {
        if (payees.containsKey(e.getKey())) {
          continue;
        }
        count++;
        total = Math.addExact(total, e.getValue());
        csv.row(count, names.get(e.getKey()), e.getKey(), Money.plainYuan(e.getValue()), "未登记银行账户（一卡通）");
      }
      csv.row(TOTAL, "共 " + count + " 户", "", Money.plainYuan(total), "");
      return csv.toBuffer();
    });
  }

  private DistributionRunRecord postedRun(DSLContext db, Principal caller, long runId) {
    DistributionRunRecord run = lifecycle.visibleRun(db, caller, runId, false);
    if (RunStatus.POSTED != run.getStatus()) {
      throw Problem.conflict("wrong-status", "only a posted run is paid out; this one is " + run.getStatus(), null);
    }
    return run;
  }

  /** Each household's total over its lines (a household may have several steps), in line order; masked names. */
  private void amountsByHousehold(DSLContext db, long runId, Map<Long, Long> amounts, Map<Long, String> names) {
    for (Record r : runs.linesWithHouseholds(db, runId)) {
      Long household = r.get(DISTRIBUTION_LINE.HOUSEHOLD_ID);
      if (household != null && r.get(DISTRIBUTION_LINE.AMOUNT_FEN) != 0) {
        names.put(household, Masking.name(r.get(HOUSEHOLD.NAME)));
        amounts.merge(household, r.get(DISTRIBUTION_LINE.AMOUNT_FEN), Math::addExact);
      }
    }
  }
}
