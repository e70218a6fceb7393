package cn.bangfu.identity;

import cn.bangfu.platform.Problem;
import java.util.Collection;

/**
 * The scope rules (DESIGN.md 4, invariant 10), stated once. Routes already admit only their roles;
 * these decide which cooperative, buyer or household a caller of an admitted role may touch.
 * REGULATOR scope is a region-code prefix: "5101" covers every 12-digit code starting 5101.
 */
public final class Scopes {
  private Scopes() {
  }

  public static boolean coversRegion(Principal caller, String regionCode) {
    return caller.scopeId() != null && regionCode != null && regionCode.startsWith(caller.scopeId());
  }

  public static boolean mayActOnCooperative(Principal caller, long cooperativeId, String regionCode) {
    return switch (caller.role()) {
      case ADMIN -> true;
      case REGULATOR -> coversRegion(caller, regionCode);
      case COOP -> caller.scopeEntityId() == cooperativeId;
      case BUYER, HOUSEHOLD -> false;
    };
  }

  public static boolean mayActOnBuyer(Principal caller, long buyerId, String regionCode) {
    return switch (caller.role()) {
      case ADMIN -> true;
      case REGULATOR -> coversRegion(caller, regionCode);
      case BUYER -> caller.scopeEntityId() == buyerId;
      case COOP, HOUSEHOLD -> false;
    };
  }

  /** A cooperative sees a household it registered or that is its member. */
  public static boolean maySeeHousehold(Principal caller, long householdId, String regionCode,
      Collection<Long> relatedCooperatives) {
    return switch (caller.role()) {
      case ADMIN -> true;
      case REGULATOR -> coversRegion(caller, regionCode);
      case HOUSEHOLD -> caller.scopeEntityId() == householdId;
      case COOP -> relatedCooperatives.contains(caller.scopeEntityId());
      case BUYER -> false;
    };
  }

  /** The county of a 12-digit region code: its first 6 digits (province, city, county). */
  public static String county(String regionCode) {
    return regionCode == null || regionCode.length() < 6 ? "" : regionCode.substring(0, 6);
  }

  public static boolean sameCounty(String regionCode, String otherRegionCode) {
    return !county(regionCode).isEmpty() && county(regionCode).equals(county(otherRegionCode));
  }

  /**
   * For things whose existence must not leak (households, orders, distribution runs): out of scope
   * answers exactly like an unknown id, so probing ids tells a caller nothing.
   */
  public static void requireVisible(boolean allowed, String what, long id) {
    if (!allowed) {
      throw Problem.notFound(what, Long.toString(id));
    }
  }

  /** A field the caller's role may not set (a cooperative setting the blacklist): 403 naming the field. */
  public static Problem forbiddenField(String field, String detail) {
    return new Problem(403, "forbidden-field", "Not allowed", detail, field);
  }

  public static void require(boolean allowed, String what) {
    if (!allowed) {
      throw Problem.forbidden("outside your scope: " + what);
    }
  }
}
