package cn.bangfu.identity;

import cn.bangfu.platform.Caller;

/** The verified caller of a request, read from its bearer token. */
public record Principal(long userId, String username, Role role, String scopeId) implements Caller {

  /** The entity id a COOP, BUYER or HOUSEHOLD user acts for; -1 when the scope is not an id. */
  public long scopeEntityId() {
    try {
      return scopeId == null ? -1 : Long.parseLong(scopeId);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
