package cn.bangfu.ledger;

/**
 * The chart of accounts (会计科目表) of 《农民专业合作社会计制度》 (财政部 财会〔2021〕37号, in force since
 * 2023-01-01; it replaced 《农民专业合作社财务会计制度（试行）》 财会〔2007〕15号). Codes, names, classes and
 * order follow the 会计科目表 of the system's appendix (附录 会计科目和会计报表): 资产类 101–161,
 * 负债类 201–235, 所有者权益类 301–332, 成本类 401, 损益类 501–529. Looked up in public reproductions of
 * the table (e.g. "农民专业合作社会计科目 (一)会计科目表", 37 accounts); the optional accounts the
 * appendix allows a cooperative to add (其他货币资金 109, 包装物 122, 其他农业资产 149, 长期待摊费用 171)
 * are not used by the platform and left out until an event needs them.
 *
 * <p>Every ledger account is one of these, owned by one cooperative ({@link AccountRef}). The four
 * accounts the system keeps per member (明细账 by 成员: 成员往来, 股金, 应付盈余返还, 应付剩余盈余) are
 * {@link #perMember} and carry the member household in their {@link AccountRef}; so do 专项基金's
 * quantified shares, which the Cooperative Law (art. 43) records in each member's account.
 *
 * <p>Stored in {@code ledger_account.chart_account} by its enum name; the code and Chinese name are
 * the accountant's view. Statements are sums over {@link #accountClass} (资产负债表: ASSET against
 * LIABILITY + EQUITY; 盈余及盈余分配表: INCOME_AND_LOSS), so they need no mapping table.
 */
public enum ChartAccount {
  CASH_ON_HAND("101", "库存现金", AccountClass.ASSET, false),
  BANK_DEPOSIT("102", "银行存款", AccountClass.ASSET, false),
  RECEIVABLES("113", "应收款", AccountClass.ASSET, false),
  /** Per member: what members owe the cooperative (debit) or it owes them, e.g. produce bought at 交售 (credit). */
  MEMBER_CURRENT("114", "成员往来", AccountClass.ASSET, true),
  PRODUCTS_AND_MATERIALS("121", "产品物资", AccountClass.ASSET, false),
  CONSIGNED_PROCESSING("124", "委托加工物资", AccountClass.ASSET, false),
  CONSIGNED_SALES("125", "委托代销商品", AccountClass.ASSET, false),
  ENTRUSTED_PURCHASES("127", "受托代购商品", AccountClass.ASSET, false),
  ENTRUSTED_SALES("128", "受托代销商品", AccountClass.ASSET, false),
  INVESTMENTS("131", "对外投资", AccountClass.ASSET, false),
  LIVESTOCK_ASSETS("141", "牲畜（禽）资产", AccountClass.ASSET, false),
  FOREST_ASSETS("142", "林木资产", AccountClass.ASSET, false),
  FIXED_ASSETS("151", "固定资产", AccountClass.ASSET, false),
  /** Contra-asset: its normal balance is a credit. */
  ACCUMULATED_DEPRECIATION("152", "累计折旧", AccountClass.ASSET, false, NormalBalance.CREDIT),
  CONSTRUCTION_IN_PROGRESS("153", "在建工程", AccountClass.ASSET, false),
  FIXED_ASSET_DISPOSAL("154", "固定资产清理", AccountClass.ASSET, false),
  INTANGIBLE_ASSETS("161", "无形资产", AccountClass.ASSET, false),

  SHORT_TERM_LOANS("201", "短期借款", AccountClass.LIABILITY, false),
  /** What the cooperative owes non-members: unpaid costs, the village collective's and operator's shares, guarantee shortfalls. */
  PAYABLES("211", "应付款", AccountClass.LIABILITY, false),
  WAGES_PAYABLE("212", "应付工资", AccountClass.LIABILITY, false),
  /** Per member: the surplus returned by trade volume (按交易量返还), allocated and not yet paid. */
  SURPLUS_REBATE_PAYABLE("221", "应付盈余返还", AccountClass.LIABILITY, true),
  /** Per member: the remaining surplus (dividends by shares, guaranteed dividends), allocated and not yet paid. */
  REMAINING_SURPLUS_PAYABLE("222", "应付剩余盈余", AccountClass.LIABILITY, true),
  LONG_TERM_LOANS("231", "长期借款", AccountClass.LIABILITY, false),
  SPECIAL_PAYABLES("235", "专项应付款", AccountClass.LIABILITY, false),

  /** Per member: 股金, the member's capital contribution. */
  SHARE_CAPITAL("301", "股金", AccountClass.EQUITY, true),
  /** Per member: fiscal and donated property quantified to the member (财政补助/捐赠 形成财产 量化). */
  SPECIAL_FUND("311", "专项基金", AccountClass.EQUITY, true),
  CAPITAL_RESERVE("321", "资本公积", AccountClass.EQUITY, false),
  SURPLUS_RESERVE("322", "盈余公积", AccountClass.EQUITY, false),
  /** The year's income less costs, moved here at 结账 and on into {@link #SURPLUS_DISTRIBUTION}. */
  CURRENT_YEAR_SURPLUS("331", "本年盈余", AccountClass.EQUITY, false),
  /** 盈余分配: debited with what a distribution hands out, credited with the closed year's surplus. */
  SURPLUS_DISTRIBUTION("332", "盈余分配", AccountClass.EQUITY, false),

  PRODUCTION_COST("401", "生产成本", AccountClass.COST, false),

  OPERATING_INCOME("501", "经营收入", AccountClass.INCOME_AND_LOSS, false, NormalBalance.CREDIT),
  OTHER_INCOME("502", "其他收入", AccountClass.INCOME_AND_LOSS, false, NormalBalance.CREDIT),
  INVESTMENT_INCOME("511", "投资收益", AccountClass.INCOME_AND_LOSS, false, NormalBalance.CREDIT),
  OPERATING_EXPENSES("521", "经营支出", AccountClass.INCOME_AND_LOSS, false, NormalBalance.DEBIT),
  ADMINISTRATIVE_EXPENSES("522", "管理费用", AccountClass.INCOME_AND_LOSS, false, NormalBalance.DEBIT),
  OTHER_EXPENSES("529", "其他支出", AccountClass.INCOME_AND_LOSS, false, NormalBalance.DEBIT);

  /** The five classes of the chart (一、资产类 … 五、损益类). */
  public enum AccountClass { ASSET, LIABILITY, EQUITY, COST, INCOME_AND_LOSS }

  /** The side an account normally stands on; postings are debit &gt; 0, credit &lt; 0 (see {@link Posting}). */
  public enum NormalBalance { DEBIT, CREDIT }

  private final String code;
  private final String chineseName;
  private final AccountClass accountClass;
  private final boolean perMember;
  private final NormalBalance normalBalance;

  ChartAccount(String code, String chineseName, AccountClass accountClass, boolean perMember) {
    this(code, chineseName, accountClass, perMember, switch (accountClass) {
      case ASSET, COST -> NormalBalance.DEBIT;
      case LIABILITY, EQUITY, INCOME_AND_LOSS -> NormalBalance.CREDIT;
    });
  }

  ChartAccount(String code, String chineseName, AccountClass accountClass, boolean perMember,
      NormalBalance normalBalance) {
    this.code = code;
    this.chineseName = chineseName;
    this.accountClass = accountClass;
    this.perMember = perMember;
    this.normalBalance = normalBalance;
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

  /** Kept per member household (明细账 by 成员) within the cooperative. */
  public boolean perMember() {
    return perMember;
  }

  /** Closed into 本年盈余 at 结账: the 损益类 accounts. */
  public boolean closesIntoSurplus() {
    return accountClass == AccountClass.INCOME_AND_LOSS;
  }
}
