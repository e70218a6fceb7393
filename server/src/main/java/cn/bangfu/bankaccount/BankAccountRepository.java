package cn.bangfu.bankaccount;

import static cn.bangfu.db.Tables.HOUSEHOLD_BANK_ACCOUNT;

import cn.bangfu.db.tables.records.HouseholdBankAccountRecord;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** SQL for households' bank accounts. */
public final class BankAccountRepository {

  /** Inserts or replaces the household's account (one per household). */
  public void put(DSLContext db, HouseholdBankAccountRecord account) {
    db.insertInto(HOUSEHOLD_BANK_ACCOUNT).set(account)
        .onDuplicateKeyUpdate()
        .set(HOUSEHOLD_BANK_ACCOUNT.REGION_CODE, account.getRegionCode())
        .set(HOUSEHOLD_BANK_ACCOUNT.BANK_NAME, account.getBankName())
        .set(HOUSEHOLD_BANK_ACCOUNT.HOLDER_NAME, account.getHolderName())
        .set(HOUSEHOLD_BANK_ACCOUNT.ACCOUNT_CIPHER, account.getAccountCipher())
        .set(HOUSEHOLD_BANK_ACCOUNT.ACCOUNT_MASKED, account.getAccountMasked())
        .set(HOUSEHOLD_BANK_ACCOUNT.UPDATED_AT, account.getUpdatedAt())
        .set(HOUSEHOLD_BANK_ACCOUNT.UPDATED_BY, account.getUpdatedBy())
        .execute();
  }

  public Optional<HouseholdBankAccountRecord> account(DSLContext db, long householdId) {
    return db.selectFrom(HOUSEHOLD_BANK_ACCOUNT).where(HOUSEHOLD_BANK_ACCOUNT.HOUSEHOLD_ID.eq(householdId))
        .fetchOptional();
  }

  /** The accounts of these households, by household id (households without one are absent). */
  public static Map<Long, HouseholdBankAccountRecord> accounts(DSLContext db, Collection<Long> householdIds) {
    if (householdIds.isEmpty()) {
      return Map.of();
    }
    return db.selectFrom(HOUSEHOLD_BANK_ACCOUNT).where(HOUSEHOLD_BANK_ACCOUNT.HOUSEHOLD_ID.in(householdIds))
        .fetch().stream().collect(Collectors.toMap(HouseholdBankAccountRecord::getHouseholdId, Function.identity()));
  }
}
