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

  public static void require(boolean allowed, String what) {
    if (!allowed) {
      throw Problem.forbidden("outside your scope: " + what);
    }
  }
}
