package cn.bangfu.book;

import cn.bangfu.ledger.ChartAccount;

/**
 * The closed vocabularies of the book's routes and the chart account each one posts to. A value not
 * listed is a 400 naming its field: an unknown cost category would otherwise be ignored by the
 * rules' cost filters and the surplus silently overstated.
 */
public final class BookCategories {
  private BookCategories() {
  }

  /** What an off-platform income is. Sales and services are 经营收入; subsidies and the rest 其他收入. */
  public enum IncomeCategory {
    OFF_PLATFORM_SALES(ChartAccount.OPERATING_REVENUE),
    /** A government subsidy that is income of the year (not one that forms property: that is a contribution). */
    SUBSIDY(ChartAccount.OTHER_INCOME),
    /** A PV station's grid income (seed 001): the station is the cooperative's business. */
    PV_GRID(ChartAccount.OPERATING_REVENUE),
    /** The renewable-energy price subsidy (可再生能源电价补贴) paid for a PV station's output: a subsidy, 其他收入. */
    PV_SUBSIDY(ChartAccount.OTHER_INCOME),
    SERVICE(ChartAccount.OPERATING_REVENUE),
    OTHER(ChartAccount.OTHER_INCOME);

    private final ChartAccount account;

    IncomeCategory(ChartAccount account) {
      this.account = account;
    }

    public ChartAccount account() {
      return account;
    }
  }

  /** What a cost is. Business costs are 经营支出, administration 管理费用, the rest 其他支出. */
  public enum CostCategory {
    OPERATION_MAINTENANCE(ChartAccount.OPERATING_EXPENSE),
    MEMBER_PRODUCE(ChartAccount.OPERATING_EXPENSE),
    LAND_RENT(ChartAccount.OPERATING_EXPENSE),
    WAGES(ChartAccount.OPERATING_EXPENSE),
    /** Pay of public-welfare posts (公益岗) the cooperative employs poor labourers on; owed as wages. */
    PUBLIC_WELFARE_POST(ChartAccount.OPERATING_EXPENSE),
    MATERIALS(ChartAccount.OPERATING_EXPENSE),
    TRANSPORT(ChartAccount.OPERATING_EXPENSE),
    ADMIN(ChartAccount.ADMINISTRATIVE_EXPENSE),
    OTHER(ChartAccount.OTHER_EXPENSE);

    private final ChartAccount account;

    CostCategory(ChartAccount account) {
      this.account = account;
    }

    public ChartAccount account() {
      return account;
    }
  }

  /** Where money went in or came out of: income's {@code into}, a payment's {@code from}. */
  public enum MoneyAccount {
    BANK(ChartAccount.BANK_DEPOSIT), CASH(ChartAccount.CASH);

    private final ChartAccount account;

    MoneyAccount(ChartAccount account) {
      this.account = account;
    }

    public ChartAccount account() {
      return account;
    }
  }

  /** How a cost was paid: from the bank, in cash, or not yet (应付款; unpaid wages are 应付工资). */
  public enum PaidFrom {
    BANK, CASH, PAYABLE;

    public ChartAccount account(CostCategory category) {
      return switch (this) {
        case BANK -> ChartAccount.BANK_DEPOSIT;
        case CASH -> ChartAccount.CASH;
        case PAYABLE -> category == CostCategory.WAGES || category == CostCategory.PUBLIC_WELFARE_POST
            ? ChartAccount.WAGES_PAYABLE : ChartAccount.PAYABLE;
      };
    }
  }

  /**
   * A member's contribution: 股金 to the member's 股金 sub-account; fiscal or donated funds that form
   * property, quantified to the member, to 专项基金 (the member's share is the contribution row).
   */
  public enum ContributionKind {
    CAPITAL, FISCAL_QUANTIFIED, DONATED_QUANTIFIED;

    public ChartAccount account() {
      return this == CAPITAL ? ChartAccount.SHARE_CAPITAL : ChartAccount.SPECIAL_FUND;
    }
  }

  /**
   * What a payment settles: 应付工资 (wages and public-welfare-post pay), 应付款 (land rent and other
   * costs owed), or one member's 成员往来 (produce bought from it). Rebates and dividends are paid by
   * the run's payout, never here.
   */
  public enum Payable {
    WAGES(ChartAccount.WAGES_PAYABLE), PAYABLE(ChartAccount.PAYABLE), MEMBER_CURRENT(ChartAccount.MEMBER_CURRENT);

    private final ChartAccount account;

    Payable(ChartAccount account) {
      this.account = account;
    }

    public ChartAccount account() {
      return account;
    }
  }
}
