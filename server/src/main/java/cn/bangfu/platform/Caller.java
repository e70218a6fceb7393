package cn.bangfu.platform;

/**
 * The verified caller of a signed-in request, as platform sees it: a role to check a route's access
 * rule against, and the scope (region prefix or entity id) it acts for, which keys its idempotency
 * records. Identity implements it with its own role enum; platform never needs to know the roles.
 */
public interface Caller {
  Enum<?> role();

  String scopeId();
}
