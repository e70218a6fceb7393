package cn.bangfu.identity;

/** Who a user is (DESIGN.md 6); the scope id means a region prefix for REGULATOR, an entity id otherwise. */
public enum Role {
  ADMIN,
  REGULATOR,
  COOP,
  BUYER,
  HOUSEHOLD
}
