package cn.bangfu.registry;

/** Closed vocabularies of the registry (DESIGN.md 5 and 6). */
public final class Enums {
  private Enums() {
  }

  public enum LaborCapacity { FULL, PARTIAL, NONE }

  public enum HouseholdStatus { REGISTERED_POOR, MONITORED, LOW_INCOME, EXITED, ORDINARY }

  public enum BuyerKind { AGENCY, SCHOOL, HOSPITAL, SOE, ENTERPRISE, OTHER }

  public enum ShareClass { CAPITAL, LAND, FISCAL, DONATED }

  public enum PairingForm { REGIONAL, POINT_TO_POINT, KEY_LINK }
}
