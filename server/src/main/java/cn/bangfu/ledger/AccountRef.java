package cn.bangfu.ledger;

/**
 * Names an account by who owns it and what it is for; the ledger creates it on first use.
 * Ids are the owner's registry id (buyer, cooperative, household); collective and operator
 * accounts are owned by the cooperative they belong to.
 */
public record AccountRef(OwnerType ownerType, long ownerId, Purpose purpose) {

  public enum OwnerType { BUYER, COOPERATIVE, HOUSEHOLD }

  /** What an account holds. Debits are positive amounts, credits negative (see {@link Posting}). */
  public enum Purpose {
    /** Buyer: what it has spent on settled purchases (以购代捐 procurement). */
    BUYER_PROCUREMENT,
    /** Buyer: money it has paid out. */
    BUYER_PAID,
    /** Cooperative: income from settled sales. */
    COOP_REVENUE,
    /** Cooperative: recorded costs of the period. */
    COOP_COST,
    /** Cooperative: the period surplus set aside for distribution. */
    DISTRIBUTABLE_SURPLUS,
    /** Cooperative: 公积金. */
    PROVIDENT_FUND,
    /** Cooperative: what it owes the village collective. */
    VILLAGE_COLLECTIVE_PAYABLE,
    /** Cooperative: what it owes its operator. */
    OPERATOR_PAYABLE,
    /**
     * Household: guaranteed dividends a cooperative could not pay it (shortfall recorded, never dropped;
     * postings carry the cooperative that owes); repaid first by that cooperative's later runs.
     */
    GUARANTEE_LIABILITY,
    /** Cooperative: its bank/cash. */
    COOP_CASH,
    /** Household: dividends allocated to it and not yet paid. */
    DIVIDEND_PAYABLE,
    /** Household: dividends paid to it. */
    DIVIDEND_PAID
  }
}
