package cn.bangfu.bankaccount;

import cn.bangfu.db.tables.records.HouseholdBankAccountRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.FieldCipher;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Records and shows a household's payout account. The number is encrypted at rest and leaves the server in
 * full only through {@link #decryptAll}, which the payout bank file of a posted run calls for its households.
 */
public final class BankAccountService {
  private final Database database;
  private final BankAccountRepository accounts;
  private final ParticipantRepository participants;
  private final FieldCipher cipher;
  private final BusinessClock clock;

  public BankAccountService(Database database, BankAccountRepository accounts, ParticipantRepository participants,
      FieldCipher cipher, BusinessClock clock) {
    this.database = database;
    this.accounts = accounts;
    this.participants = participants;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** @param accountNumber digits only (spaces already removed) */
  public record NewAccount(String bankName, String holderName, String accountNumber) {
  }

  /** A household's account as every answer shows it: masked number and masked holder. */
  public record Masked(long householdId, String bankName, String holderNameMasked, String accountMasked,
      String updatedAt) {
  }

  /** What the bank needs to pay one household: the full number, decrypted for the payout file only. */
  public record Payee(String bankName, String holderName, String accountNumber) {
  }

  public Future<Masked> put(Principal caller, long householdId, NewAccount a) {
    return database.tx(db -> {
      HouseholdRecord household = visibleHousehold(db, caller, householdId);
      HouseholdBankAccountRecord row = new HouseholdBankAccountRecord().setHouseholdId(householdId)
          .setRegionCode(household.getRegionCode()).setBankName(a.bankName()).setHolderName(a.holderName())
          .setAccountCipher(cipher.encrypt(a.accountNumber())).setAccountMasked(mask(a.accountNumber()))
          .setUpdatedAt(clock.now()).setUpdatedBy(caller.userId());
      accounts.put(db, row);
      return masked(row);
    });
  }

  public Future<Masked> get(Principal caller, long householdId) {
    return database.read(db -> {
      visibleHousehold(db, caller, householdId);
      return accounts.account(db, householdId).map(BankAccountService::masked)
          .orElseThrow(() -> Problem.notFound("bank account of household", Long.toString(householdId)));
    });
  }

  /**
   * The full accounts of these households, inside the caller's transaction: for the payout bank file only,
   * which has already checked that the caller may pay out the run.
   */
  public Map<Long, Payee> decryptAll(DSLContext db, java.util.Collection<Long> householdIds) {
    Map<Long, Payee> out = new java.util.HashMap<>();
    BankAccountRepository.accounts(db, householdIds).forEach((id, r) -> out.put(id,
        new Payee(r.getBankName(), r.getHolderName(), cipher.decrypt(r.getAccountCipher()))));
    return out;
  }

  /** 6217 0000 1234 5678 901 → 6217***********8901: the bank's first four digits and the last four. */
  static String mask(String digits) {
    int keep = digits.length() >= 12 ? 4 : 2;
    return digits.substring(0, keep) + "*".repeat(digits.length() - 2 * keep) + digits.substring(digits.length() - keep);
  }

  private static Masked masked(HouseholdBankAccountRecord r) {
    return new Masked(r.getHouseholdId(), r.getBankName(), cn.bangfu.registry.Masking.name(r.getHolderName()),
        r.getAccountMasked(), cn.bangfu.platform.JsonValues.time(r.getUpdatedAt()));
  }

  private HouseholdRecord visibleHousehold(DSLContext db, Principal caller, long householdId) {
    Optional<HouseholdRecord> household = participants.household(db, householdId);
    boolean visible = household.isPresent() && Scopes.maySeeHousehold(caller, householdId,
        household.get().getRegionCode(), participants.cooperativesRelatedTo(db, household.get()));
    Scopes.requireVisible(visible, "household", householdId);
    return household.get();
  }
}
