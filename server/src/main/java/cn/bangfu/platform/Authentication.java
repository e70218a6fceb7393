package cn.bangfu.platform;

import io.vertx.core.Future;

/**
 * Turns a request's Authorization header into its verified caller, or fails with a 401 problem.
 * Platform's routing calls it for every signed-in route; identity implements it (bearer tokens), so
 * platform depends on no capability (issue 18 point 10).
 */
@FunctionalInterface
public interface Authentication<C extends Caller> {
  Future<C> authenticate(String authorizationHeader);
}
