package cn.bangfu.coop;

import cn.bangfu.db.tables.records.LotRecord;
import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.identity.Role;
import cn.bangfu.orders.OrderService;
import cn.bangfu.orders.OrderStatus;
import cn.bangfu.orders.OrderTransitions;
import cn.bangfu.orders.OrderTransitions.Action;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.Certification;
import cn.bangfu.supply.LotCommands.LotQuery;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.LotRoutes;
import cn.bangfu.supply.LotService;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /coop}: the cooperative's lots (post, list, close) and the orders waiting for it, oldest first,
 * with confirm / ship / deliver buttons. A lot form is checked by the API's own parser
 * ({@link LotRoutes#newLot}); its 400 problems come back as Chinese messages beside the field named,
 * with what was typed kept.
 */
public final class CoopPage {
  static final String PATH = "/coop";
  static final String LOTS = "/coop/lots";
  /** Lots shown on the page, newest first. */
  private static final int LOT_ROWS = 100;
  /** Orders the cooperative moves next, in the order of the buttons' path. */
  private static final List<OrderStatus> TO_ACT_ON = List.of(OrderStatus.PLACED, OrderStatus.CONFIRMED,
      OrderStatus.SHIPPED);
  private static final Map<OrderStatus, Action> NEXT = Map.of(OrderStatus.PLACED, Action.CONFIRM,
      OrderStatus.CONFIRMED, Action.SHIP, OrderStatus.SHIPPED, Action.DELIVER);
  private static final Map<Action, String> BUTTON = Map.of(Action.CONFIRM, "确认接单", Action.SHIP, "已发货",
      Action.DELIVER, "已送达");
  public static final Map<OrderStatus, String> STATUS = Map.of(OrderStatus.PLACED, "待确认", OrderStatus.CONFIRMED,
      "已确认，待发货", OrderStatus.SHIPPED, "已发货，待送达", OrderStatus.DELIVERED, "已送达，待验收",
      OrderStatus.ACCEPTED, "已验收，待结算", OrderStatus.SETTLED, "已结算", OrderStatus.CANCELLED, "已取消",
      OrderStatus.REJECTED, "已拒单");
  public static final Map<Unit, String> UNITS = units();
  public static final Map<Certification, String> CERTIFICATIONS = certifications();

  private CoopPage() {
  }

  /** One lot row. */
  public record Lot(String id, String product, String grade, String quantity, String left, String unit, String price,
      String window, String certifications, boolean open) {
  }

  /** One order to act on: its buyer, what and how much, its state and the button that moves it. */
  public record Order(String id, String buyer, String product, String quantity, String amount, String placed,
      String state, String action, String button) {
  }

  /** The lot form as typed, and the Chinese message for the field the API refused. */
  public record LotForm(String product, String grade, String quantity, String unit, String price, String from,
      String to, String minimum, List<String> certifications, String errorField, String error) {
    static LotForm blank(LocalDate today) {
      return new LotForm("", "", "", Unit.KG.name(), "", today.toString(), today.plusDays(30).toString(), "",
          List.of(), null, null);
    }

    LotForm refused(String field, String message) {
      return new LotForm(product, grade, quantity, unit, price, from, to, minimum, certifications, field, message);
    }

    public String errorFor(String field) {
      return field.equals(errorField) ? error : null;
    }
  }

  public record View(String user, String csrf, String notice, String problem, List<Lot> lots, List<Order> orders,
      LotForm form, Map<String, String> units, Map<String, String> certifications) {
  }

  public static void mount(Pages pages, LotService lots, OrderService orders, OrderTransitions transitions) {
    pages.signedIn(HttpMethod.GET, PATH, Set.of(Role.COOP), visit -> render(pages, lots, orders, visit,
        notice(visit.ctx().queryParams().get("done")), null, LotForm.blank(BusinessClock.of(visit.ctx()).today()), 200));
    pages.signedIn(HttpMethod.POST, LOTS, Set.of(Role.COOP), visit -> {
      LotForm typed = typed(visit);
      JsonObject json;
      try {
        json = lotJson(visit, typed);
        return lots.post(visit.caller(), LotRoutes.newLot(Body.wrap(json, "", BusinessClock.of(visit.ctx()))))
            .map(posted -> Pages.Page.redirect(PATH + "?done=lot"))
            .recover(failure -> refused(pages, lots, orders, visit, typed, failure));
      } catch (Problem p) {
        return refused(pages, lots, orders, visit, typed, p);
      }
    });
    pages.signedIn(HttpMethod.POST, PATH + "/lots/:id/close", Set.of(Role.COOP), visit ->
        lots.close(visit.caller(), pathId(visit, "lot")).map(closed -> Pages.Page.redirect(PATH + "?done=closed")));
    for (Action action : NEXT.values()) {
      pages.signedIn(HttpMethod.POST, PATH + "/orders/:id/" + action.path(), Set.of(Role.COOP), visit ->
          transitions.apply(visit.caller(), pathId(visit, "order"), action, OrderTransitions.Details.NONE, null)
              .map(moved -> Pages.Page.redirect(PATH + "?done=" + action.path()))
              .recover(failure -> {
                // a second click on an order already moved (another tab, a colleague): say so, change nothing
                if (failure instanceof Problem p && p.status() == 409) {
                  return render(pages, lots, orders, visit, null, "这笔订单的状态已经变了，没有再改动；请看下面的最新状态。",
                      LotForm.blank(BusinessClock.of(visit.ctx()).today()), 409);
                }
                return Future.failedFuture(failure);
              }));
    }
  }

  private static long pathId(Pages.Visit visit, String what) {
    Long id = Body.parseId(visit.ctx().pathParam("id"));
    if (id == null) {
      throw Problem.badRequest("id", what + " id must be a string of digits");
    }
    return id;
  }

  private static String notice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "lot" -> "货品已发布，采购单位现在可以看到并下单。";
      case "closed" -> "货品已下架，剩下的数量不能再下单。";
      case "confirm" -> "已确认接单。";
      case "ship" -> "已记为发货。";
      case "deliver" -> "已记为送达，等采购单位验收。";
      default -> null;
    };
  }

  private static LotForm typed(Pages.Visit visit) {
    List<String> certifications = visit.ctx().request().formAttributes().getAll("certifications");
    return new LotForm(field(visit, "product"), field(visit, "grade"), field(visit, "quantity"), field(visit, "unit"),
        field(visit, "price"), field(visit, "availableFrom"), field(visit, "availableTo"),
        field(visit, "minOrderQuantity"), List.copyOf(certifications), null, null);
  }

  private static String field(Pages.Visit visit, String name) {
    String value = visit.form(name);
    return value == null ? "" : value.strip();
  }

  /** The form as the API's lot body: the same parser then checks it, so page and API refuse alike. */
  private static JsonObject lotJson(Pages.Visit visit, LotForm form) {
    JsonObject json = new JsonObject().put("cooperativeId", Long.toString(visit.caller().scopeEntityId()));
    putIfTyped(json, "product", form.product());
    putIfTyped(json, "grade", form.grade());
    putIfTyped(json, "quantity", form.quantity());
    putIfTyped(json, "unit", form.unit());
    putIfTyped(json, "availableFrom", form.from());
    putIfTyped(json, "availableTo", form.to());
    putIfTyped(json, "minOrderQuantity", form.minimum());
    json.put("unitPriceFen", fen(form.price()));
    json.put("certifications", new JsonArray(new ArrayList<Object>(form.certifications())));
    return json;
  }

  private static void putIfTyped(JsonObject json, String field, String value) {
    if (!value.isEmpty()) {
      json.put(field, value);
    }
  }

  /** "12" or "12.5" 元 → fen; anything else is refused on the price field before the API's checks. */
  public static long fen(String yuan) {
    if (yuan.isEmpty()) {
      throw Problem.badRequest("price", "price is required");
    }
    try {
      BigDecimal fen = new BigDecimal(yuan).movePointRight(2);
      if (fen.signum() > 0 && fen.stripTrailingZeros().scale() <= 0 && fen.compareTo(
          BigDecimal.valueOf(LotRoutes.MAX_UNIT_PRICE_FEN)) <= 0) {
        return fen.longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // refused below, beside the field
    }
    throw Problem.badRequest("price", "price must be 元 with at most two decimals");
  }

  private static Future<Pages.Page> refused(Pages pages, LotService lots, OrderService orders, Pages.Visit visit,
      LotForm typed, Throwable failure) {
    if (failure instanceof Problem p && p.status() == 400 && p.field() != null) {
      String field = p.field().equals("unitPriceFen") ? "price" : p.field().replaceAll("\\[.*", "");
      return render(pages, lots, orders, visit, null, null, typed.refused(field, message(field, p)), 400);
    }
    return Future.failedFuture(failure);
  }

  /** The Chinese words for a field the API refused; the API's English detail is for programs. */
  static String message(String field, Problem p) {
    boolean missing = p.getMessage() != null && p.getMessage().endsWith("is required");
    return switch (field) {
      case "product" -> missing ? "请填写品名，例如“葡萄”。" : "品名最多 100 个字。";
      case "grade" -> missing ? "请填写等级，例如“一级”。" : "等级最多 40 个字。";
      case "quantity" -> missing ? "请填写数量。" : "数量要大于 0，最多三位小数。";
      case "unit" -> "请选择计量单位。";
      case "price" -> "单价请填大于 0 的元数，最多两位小数，例如 12.50。";
      case "availableFrom" -> missing ? "请填写开始供货的日期。" : "开始日期要写成 2026-12-03 这样。";
      case "availableTo" -> missing ? "请填写供货截止日期。"
          : p.getMessage() != null && p.getMessage().contains("past") ? "截止日期已经过去了，请填今天或以后的日期。"
          : p.getMessage() != null && p.getMessage().contains("before") ? "截止日期不能早于开始日期。"
          : "截止日期要写成 2026-12-31 这样。";
      case "minOrderQuantity" -> p.getMessage() != null && p.getMessage().contains("larger")
          ? "起订量不能大于总数量。" : "起订量要大于 0，最多三位小数。";
      case "certifications" -> "请从列出的认证中选择。";
      default -> "这一项填得不对，请检查。";
    };
  }

  private static Future<Pages.Page> render(Pages pages, LotService lots, OrderService orders, Pages.Visit visit,
      String notice, String problem, LotForm form, int status) {
    long cooperative = visit.caller().scopeEntityId();
    LotQuery mine = new LotQuery(null, null, null, cooperative, null, null, null, null, null, false, LOT_ROWS, 0);
    Future<List<LotRecord>> lotRows = lots.search(mine);
    List<Future<List<PurchaseOrderRecord>>> byStatus = TO_ACT_ON.stream()
        .map(s -> orders.list(visit.caller(), s, 500, 0)).toList();
    return Future.all(byStatus).compose(all -> {
      List<PurchaseOrderRecord> waiting = byStatus.stream().flatMap(f -> f.result().stream())
          .sorted(Comparator.comparing(PurchaseOrderRecord::getCreatedAt).thenComparing(PurchaseOrderRecord::getId))
          .toList();
      return orders.buyerNames(waiting).compose(names -> lotRows.map(rows -> {
        LocalDate today = BusinessClock.of(visit.ctx()).today();
        View view = new View(visit.caller().username(), visit.csrf(), notice, problem,
            rows.stream().map(r -> lot(r, today)).toList(), waiting.stream().map(o -> order(o, names)).toList(), form,
            labels(UNITS), labels(CERTIFICATIONS));
        Map<String, Object> params = new HashMap<>();
        params.put("view", view);
        return Pages.Page.of(status, pages.render("coop.jte", params));
      }));
    });
  }

  private static Lot lot(LotRecord r, LocalDate today) {
    Unit unit = Unit.valueOf(r.getUnit());
    String certifications = LotRepository.decode(r.getCertifications()).stream().map(CERTIFICATIONS::get)
        .collect(Collectors.joining("、"));
    boolean open = r.getAvailableQuantity().signum() > 0 && !r.getAvailableTo().isBefore(today);
    return new Lot(Long.toString(r.getId()), r.getProduct(), r.getGrade(), ChineseText.quantity(r.getQuantity()),
        ChineseText.quantity(r.getAvailableQuantity()), UNITS.get(unit), ChineseText.yuan(r.getUnitPriceFen()) + " 元/" + UNITS.get(unit),
        ChineseText.date(r.getAvailableFrom()) + "至" + ChineseText.date(r.getAvailableTo()),
        certifications.isEmpty() ? "无" : certifications, open);
  }

  private static Order order(PurchaseOrderRecord o, Map<Long, String> buyers) {
    OrderStatus status = o.getStatus();
    Action next = NEXT.get(status);
    String unit = UNITS.get(Unit.valueOf(o.getUnit()));
    return new Order(Long.toString(o.getId()), buyers.get(o.getBuyerId()), o.getProduct(),
        ChineseText.quantity(o.getQuantity()) + " " + unit, ChineseText.yuan(o.getAmountFen()),
        ChineseText.date(o.getCreatedAt().toLocalDate()), STATUS.get(status), next.path(), BUTTON.get(next));
  }

  private static <E extends Enum<E>> Map<String, String> labels(Map<E, String> words) {
    Map<String, String> labels = new LinkedHashMap<>();
    words.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> labels.put(e.getKey().name(), e.getValue()));
    return labels;
  }

  private static Map<Unit, String> units() {
    Map<Unit, String> words = new java.util.EnumMap<>(Unit.class);
    words.put(Unit.KG, "公斤");
    words.put(Unit.JIN, "斤");
    words.put(Unit.TON, "吨");
    words.put(Unit.PIECE, "个");
    words.put(Unit.BOX, "箱");
    words.put(Unit.HEAD, "头");
    words.put(Unit.LITER, "升");
    return java.util.Collections.unmodifiableMap(words);
  }

  private static Map<Certification, String> certifications() {
    Map<Certification, String> words = new java.util.EnumMap<>(Certification.class);
    for (Certification c : Certification.values()) {
      words.put(c, switch (c.name()) {
        case "GREEN" -> "绿色食品";
        case "ORGANIC" -> "有机产品";
        case "GEOGRAPHICAL_INDICATION" -> "地理标志";
        case "POVERTY_PRODUCT" -> "扶贫产品认定";
        default -> c.name();
      });
    }
    return java.util.Collections.unmodifiableMap(words);
  }
}
