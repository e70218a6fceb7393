package cn.bangfu.identity;

import java.util.EnumSet;
import java.util.Set;

/** Who a user is (DESIGN.md 6); the scope id means a region prefix for REGULATOR, an entity id otherwise. */
public enum Role {
  ADMIN,
  REGULATOR,
  COOP,
  BUYER,
  HOUSEHOLD;

  /** A route's declared roles (platform keeps them as plain enums, not knowing this type) read back as roles. */
  public static Set<Role> of(Set<? extends Enum<?>> declared) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Enum<?> role : declared) {
      roles.add((Role) role);
    }
    return roles;
  }
}
