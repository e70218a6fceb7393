package cn.bangfu.ledger;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The chart of accounts (会计科目表) of 《农民专业合作社会计制度》: every ledger account is one of these,
 * kept by one cooperative (DESIGN.md 8.1). Codes and names follow the chart's 会计科目表 (资产类 1xx,
 * 负债类 2xx, 所有者权益类 3xx, 成本类 4xx, 损益类 5xx) as published by the Ministry of Finance
 * (财会〔2007〕15号, revised as 财会〔2021〕37号, in force 2023-01-01); the table was checked against
 * public reproductions of the 会计科目表 ("农民专业合作社财务会计科目 (一)会计科目表": 101 库存现金 …
 * 332 盈余分配, 401 生产成本, 501 经营收入 … 529 其他支出; the 成员往来 entry: "科目编号为114,属于资产类科目
 * … 本科目应按照合作社成员设置明细科目"). Only the accounts the platform posts to, and the neighbours a
 * statement needs, are listed; an account added later is one more constant.
 *
 * <p>{@link #byMember} marks the accounts the chart keeps per member (明细科目 by 成员): 成员往来, 股金,
 * 应付盈余返还, 应付剩余盈余. Their ledger accounts are sub-accounts owned by a household within one
 * cooperative; all other accounts belong to the cooperative itself.
 *
 * <p>Sign convention of the ledger: a debit is a positive posting, a credit a negative one. A debit-
 * normal account's balance is the sum of its postings, a credit-normal account's the negated sum
 * ({@link #balanceOf}), so statements (资产负债表: ASSET against LIABILITY + EQUITY; 盈余及盈余分配表:
 * INCOME_AND_LOSS) are sums over {@link #accountClass} and need no mapping table.
 */
public enum ChartAccount {
  CASH("101", "库存现金", AccountClass.ASSET, NormalBalance.DEBIT, false),
  BANK_DEPOSIT("102", "银行存款", AccountClass.ASSET, NormalBalance.DEBIT, false),
  RECEIVABLE("113", "应收款", AccountClass.ASSET, NormalBalance.DEBIT, false),
  /** Debit balance: the member owes the cooperative; credit: the cooperative owes the member (交售 unpaid). */
  MEMBER_CURRENT("114", "成员往来", AccountClass.ASSET, NormalBalance.DEBIT, true),
  PRODUCE_AND_MATERIALS("121", "产品物资", AccountClass.ASSET, NormalBalance.DEBIT, false),
  FIXED_ASSETS("151", "固定资产", AccountClass.ASSET, NormalBalance.DEBIT, false),
  /** Contra-asset: its normal balance is a credit. */
  ACCUMULATED_DEPRECIATION("152", "累计折旧", AccountClass.ASSET, NormalBalance.CREDIT, false),
  SHORT_TERM_LOANS("201", "短期借款", AccountClass.LIABILITY, NormalBalance.CREDIT, false),
  /** What the cooperative owes non-members: unpaid costs, the collective's and operator's shares, guarantee shortfalls. */
  PAYABLE("211", "应付款", AccountClass.LIABILITY, NormalBalance.CREDIT, false),
  WAGES_PAYABLE("212", "应付工资", AccountClass.LIABILITY, NormalBalance.CREDIT, false),
  /** Per member: 按交易量返还 allocated and not yet paid. */
  REBATE_PAYABLE("221", "应付盈余返还", AccountClass.LIABILITY, NormalBalance.CREDIT, true),
  /** Per member: 剩余盈余 (dividends by shares) allocated and not yet paid. */
  RESIDUAL_SURPLUS_PAYABLE("222", "应付剩余盈余", AccountClass.LIABILITY, NormalBalance.CREDIT, true),
  LONG_TERM_LOANS("231", "长期借款", AccountClass.LIABILITY, NormalBalance.CREDIT, false),
  SPECIAL_PAYABLE("235", "专项应付款", AccountClass.LIABILITY, NormalBalance.CREDIT, false),
  /** Per member: the member's capital contribution. */
  SHARE_CAPITAL("301", "股金", AccountClass.EQUITY, NormalBalance.CREDIT, true),
  /** Fiscal and donated funds that formed property and are quantified to members (量化). */
  SPECIAL_FUND("311", "专项基金", AccountClass.EQUITY, NormalBalance.CREDIT, false),
  CAPITAL_RESERVE("321", "资本公积", AccountClass.EQUITY, NormalBalance.CREDIT, false),
  SURPLUS_RESERVE("322", "盈余公积", AccountClass.EQUITY, NormalBalance.CREDIT, false),
  /** The year's income less costs, moved here at 结账 and on into {@link #SURPLUS_DISTRIBUTION}. */
  CURRENT_YEAR_SURPLUS("331", "本年盈余", AccountClass.EQUITY, NormalBalance.CREDIT, false),
  SURPLUS_DISTRIBUTION("332", "盈余分配", AccountClass.EQUITY, NormalBalance.CREDIT, false),
  PRODUCTION_COST("401", "生产成本", AccountClass.COST, NormalBalance.DEBIT, false),
  OPERATING_REVENUE("501", "经营收入", AccountClass.INCOME_AND_LOSS, NormalBalance.CREDIT, false),
  OTHER_INCOME("502", "其他收入", AccountClass.INCOME_AND_LOSS, NormalBalance.CREDIT, false),
  INVESTMENT_INCOME("511", "投资收益", AccountClass.INCOME_AND_LOSS, NormalBalance.CREDIT, false),
  OPERATING_EXPENSE("521", "经营支出", AccountClass.INCOME_AND_LOSS, NormalBalance.DEBIT, false),
  ADMINISTRATIVE_EXPENSE("522", "管理费用", AccountClass.INCOME_AND_LOSS, NormalBalance.DEBIT, false),
  OTHER_EXPENSE("529", "其他支出", AccountClass.INCOME_AND_LOSS, NormalBalance.DEBIT, false);

  /** The chart's five classes (资产类, 负债类, 所有者权益类, 成本类, 损益类). */
  public enum AccountClass { ASSET, LIABILITY, EQUITY, COST, INCOME_AND_LOSS }

  public enum NormalBalance { DEBIT, CREDIT }

  private static final Map<String, ChartAccount> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ChartAccount::code, Function.identity()));

  private final String code;
  private final String chineseName;
  private final AccountClass accountClass;
  private final NormalBalance normalBalance;
  private final boolean byMember;

  ChartAccount(String code, String chineseName, AccountClass accountClass, NormalBalance normalBalance,
      boolean byMember) {
    this.code = code;
    this.chineseName = chineseName;
    this.accountClass = accountClass;
    this.normalBalance = normalBalance;
    this.byMember = byMember;
  }

  public String code() {
    return code;
  }

  public String chineseName() {
    return chineseName;
  }

  public AccountClass accountClass() {
    return accountClass;
  }

  public NormalBalance normalBalance() {
    return normalBalance;
  }

  /** Kept per member: its ledger accounts are a household's sub-accounts within one cooperative. */
  public boolean byMember() {
    return byMember;
  }

  /** The balance in the account's natural direction from the signed sum of its postings. */
  public long balanceOf(long postingSum) {
    return normalBalance == NormalBalance.DEBIT ? postingSum : Math.negateExact(postingSum);
  }

  public static Optional<ChartAccount> ofCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
