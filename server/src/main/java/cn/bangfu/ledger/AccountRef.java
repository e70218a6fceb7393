package cn.bangfu.ledger;

import java.util.Objects;

/**
 * A ledger account: an account of the cooperative's chart ({@link ChartAccount}), kept by one
 * cooperative; for the accounts the chart keeps per member, the member household's sub-account within
 * that cooperative. There are no buyer accounts and no household accounts shared across cooperatives:
 * each cooperative's book stands on its own (a household in two cooperatives has a sub-account in
 * each; a buyer's 以购代捐 totals are read from its orders). The ledger creates an account on first use.
 *
 * @param householdId the member's household id for a {@link ChartAccount#byMember} account, else 0
 */
public record AccountRef(long cooperativeId, ChartAccount account, long householdId) {

  public AccountRef {
    Objects.requireNonNull(account, "account");
    if (account.byMember() != (householdId > 0)) {
      throw new IllegalArgumentException(account.code() + " " + account.chineseName()
          + (account.byMember() ? " is kept per member: name the household" : " belongs to the cooperative, not a member"));
    }
  }

  /** The cooperative's own account {@code account}. */
  public static AccountRef of(long cooperativeId, ChartAccount account) {
    return new AccountRef(cooperativeId, account, 0);
  }

  /** A member household's sub-account of {@code account} in the cooperative. */
  public static AccountRef member(long cooperativeId, ChartAccount account, long householdId) {
    return new AccountRef(cooperativeId, account, householdId);
  }

  public boolean isMemberAccount() {
    return householdId > 0;
  }
}
