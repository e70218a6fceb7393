package cn.bangfu.ledger;

/** One line of a journal entry: a debit when amountFen > 0, a credit when < 0; never 0. */
public record Posting(AccountRef account, long amountFen) {
}
