package cn.bangfu.orders;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.BUYER;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.platform.Api;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.platform.Params;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/** HTTP for procurement summaries: per buyer, per region, per cooperative (sales by buyer). */
public final class ProcurementRoutes {
  private ProcurementRoutes() {
  }

  public static void mount(Api<Principal> api, ProcurementService procurement) {
    api.route(HttpMethod.GET, "/buyers/:id/procurement-summary", Set.of(ADMIN, REGULATOR, BUYER), (ctx, caller) -> {
      long id = Api.pathId(ctx, "id", "buyer");
      return procurement.buyer(caller, id, Params.year(ctx)).map(Reply::ok);
    });
    api.route(HttpMethod.GET, "/regions/:prefix/procurement-summary", Set.of(ADMIN, REGULATOR), (ctx, caller) -> {
      String prefix = ctx.pathParam("prefix");
      if (!Params.isRegionPrefix(prefix)) {
        throw Problem.notFound("region", String.valueOf(prefix));
      }
      Paging page = Paging.of(ctx);
      return procurement.region(caller, prefix, Params.year(ctx), page.limit(), page.offset()).map(Reply::ok);
    });
    api.route(HttpMethod.GET, "/cooperatives/:id/sales-summary", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      long id = Api.pathId(ctx, "id", "cooperative");
      return procurement.cooperative(caller, id, Params.year(ctx)).map(Reply::ok);
    });
  }
}
