package cn.bangfu.ledger;

/**
 * A ledger account: an account of the chart ({@link ChartAccount}) in one cooperative's book, and for
 * the per-member accounts (成员往来, 股金, 专项基金, 应付盈余返还, 应付剩余盈余) the member household
 * whose sub-account it is. Nothing outside a cooperative's book has an account: a buyer's 以购代捐
 * totals are read from its orders. The ledger creates an account on first use.
 *
 * @param memberHouseholdId the member's household id for a {@link ChartAccount#perMember} account, else 0
 */
public record AccountRef(long cooperativeId, ChartAccount account, long memberHouseholdId) {
  /** The owner kinds a reader may ask for accounts of (GET /accounts?ownerType=). */
  public enum OwnerType { BUYER, COOPERATIVE, HOUSEHOLD }

  public AccountRef {
    if (account != null && account.perMember() != (memberHouseholdId != 0)) {
      throw new IllegalArgumentException(account + (account.perMember()
          ? " is kept per member: name the member household" : " is the cooperative's own: it has no member"));
    }
  }

  /** The cooperative's own account {@code account}. */
  public static AccountRef of(long cooperativeId, ChartAccount account) {
    return new AccountRef(cooperativeId, account, 0);
  }

  /** The sub-account of member household {@code householdId} under {@code account}. */
  public static AccountRef member(long cooperativeId, ChartAccount account, long householdId) {
    return new AccountRef(cooperativeId, account, householdId);
  }

  /**
   * How a posting to this account is hashed ({@link HashChain.Line}): the cooperative's own account as
   * (COOPERATIVE, cooperative, account), a member's as (MEMBER, household, account). The entry's hash
   * covers its cooperative, and the verifier checks each posting's account is in that cooperative.
   */
  HashChain.Line line(long amountFen) {
    return memberHouseholdId == 0
        ? new HashChain.Line("COOPERATIVE", cooperativeId, account.name(), amountFen)
        : new HashChain.Line("MEMBER", memberHouseholdId, account.name(), amountFen);
  }
}
