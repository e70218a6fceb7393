package cn.bangfu.supply;

import cn.bangfu.identity.Principal;
import cn.bangfu.platform.Params;
import static cn.bangfu.identity.Role.COOP;

import cn.bangfu.identity.Role;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.LotCommands.LotQuery;
import cn.bangfu.supply.LotCommands.NewLot;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/** HTTP for lots: POST /lots (the cooperative itself), GET /lots and GET /lots/{id} (anyone signed in). */
public final class LotRoutes {
  /** 10^9 of any unit: more produce than a county grows, far below DECIMAL(18,3). */
  public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
  /** 10^10 fen = 1 亿 yuan per unit: beyond any produce price; keeps quantity × price far from overflow. */
  public static final long MAX_UNIT_PRICE_FEN = 10_000_000_000L;

  private LotRoutes() {
  }

  public static void mount(Api<Principal> api, LotService lots) {
    api.route(HttpMethod.POST, "/lots", Set.of(COOP), (ctx, caller) -> {
      Body body = Body.of(ctx);
      return lots.post(caller, newLot(body)).map(row -> Reply.created(SupplyJson.lot(row)));
    });
    api.route(HttpMethod.GET, "/lots", Set.of(Role.values()), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      LotQuery query = new LotQuery(Params.text(ctx, "product", 100), Params.regionPrefix(ctx, "regionCode"),
          Params.text(ctx, "place", 50), Params.id(ctx, "cooperativeId"), Params.fen(ctx, "minPriceFen"), Params.fen(ctx, "maxPriceFen"),
          Params.date(ctx, "availableOn"), Params.date(ctx, "from"), Params.date(ctx, "to"),
          !Params.flag(ctx, "includeSoldOut"), page.limit(), page.offset());
      return lots.search(query).map(rows -> Reply.ok(page.wrap(rows.stream().map(SupplyJson::lot).toList())));
    });
    // 下架: only the cooperative that posted the lot (lots are public: another cooperative gets 403)
    api.route(HttpMethod.POST, "/lots/:id/close", Set.of(COOP), (ctx, caller) ->
        lots.close(caller, Api.pathId(ctx, "id", "lot")).map(row -> Reply.ok(SupplyJson.lot(row))));
    api.route(HttpMethod.GET, "/lots/:id", Set.of(Role.values()), (ctx, caller) ->
        lots.lot(Api.pathId(ctx, "id", "lot")).map(row -> Reply.ok(SupplyJson.lot(row))));
  }

  /** The lot body checked field by field; /coop's form is checked by this same parser. */
  public static NewLot newLot(Body body) {
    long cooperativeId = body.id("cooperativeId");
    String product = body.text("product", 100);
    String grade = body.text("grade", 40);
    BigDecimal quantity = body.decimal("quantity", 3, BigDecimal.ZERO, MAX_QUANTITY);
    Unit unit = body.enumValue("unit", Unit.class);
    long unitPriceFen = body.integer("unitPriceFen", 1, MAX_UNIT_PRICE_FEN);
    LocalDate from = body.date("availableFrom");
    LocalDate to = body.date("availableTo");
    if (to.isBefore(from)) {
      throw Problem.badRequest("availableTo", "availableTo is before availableFrom");
    }
    if (to.isBefore(body.today())) {
      throw Problem.badRequest("availableTo", "availableTo is in the past: the lot could never be sold");
    }
    BigDecimal minimum = body.has("minOrderQuantity")
        ? body.decimal("minOrderQuantity", 3, BigDecimal.ZERO, MAX_QUANTITY)
        : BigDecimal.ZERO.setScale(3);
    if (minimum.compareTo(quantity) > 0) {
      throw Problem.badRequest("minOrderQuantity", "minOrderQuantity is larger than quantity");
    }
    EnumSet<Certification> certifications = EnumSet.noneOf(Certification.class);
    if (body.has("certifications")) {
      JsonArray array = body.array("certifications", 0, Certification.values().length);
      for (int i = 0; i < array.size(); i++) {
        Object value = array.getValue(i);
        String field = "certifications[" + i + "]";
        try {
          certifications.add(Certification.valueOf(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
          throw Problem.badRequest(field, field + " must be one of " + java.util.Arrays.toString(Certification.values()));
        }
        if (!(value instanceof String)) {
          throw Problem.badRequest(field, field + " must be a string");
        }
      }
    }
    return new NewLot(cooperativeId, product, grade, quantity, unit, unitPriceFen, from, to, minimum, certifications);
  }
}
