package cn.bangfu.registry;

import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.ShareClass;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Validated registry inputs: built only by {@link RegistryRoutes} (or demo data) after every field checked. */
public final class RegistryCommands {
  private RegistryCommands() {
  }

  public record NewCooperative(String name, String uscc, String regionCode) {
  }

  public record NewHousehold(String name, String idNumber, String regionCode, int members,
      LaborCapacity laborCapacity, HouseholdStatus status, boolean blacklisted, LocalDate exitDate,
      HouseholdStatus proposedStatus) {
    @Override
    public String toString() {
      return "NewHousehold[idNumber=" + IdentityNumber.mask(idNumber) + "]"; // never print the number
    }
  }

  /**
   * A change of a household's situation; null fields stay as they are. {@code effectiveDate} (null: the exit
   * date of an exit, else today) is when it takes effect, {@code reason} why: both go to its history.
   */
  public record HouseholdChange(HouseholdStatus status, LaborCapacity laborCapacity, Boolean blacklisted,
      LocalDate exitDate, LowIncomeKind lowIncomeKind, LocalDate effectiveDate, String reason) {
  }

  public record NewBuyer(String name, BuyerKind kind, String uscc, String regionCode, long annualFoodBudgetFen,
      BigDecimal reservedSharePercent) {
  }

  public record NewPairing(long buyerId, long cooperativeId, PairingForm form) {
  }

  public record NewMembership(long householdId, List<Share> shares) {
    public record Share(ShareClass shareClass, BigDecimal units, LocalDate since, LocalDate until) {
    }
  }

  public record NewDelivery(long householdId, String product, BigDecimal quantity, Unit unit, long valueFen,
      LocalDate date) {
  }

  /** @param wageFen the wage paid for this labour, null when none; @param workers how many of the household's people it pays */
  public record NewLabor(long householdId, BigDecimal days, LocalDate date, String post, Long wageFen, int workers) {
  }
}
