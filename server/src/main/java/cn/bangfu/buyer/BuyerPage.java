package cn.bangfu.buyer;

import cn.bangfu.coop.CoopPage;
import cn.bangfu.db.tables.records.LotRecord;
import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.identity.Role;
import cn.bangfu.matching.DemandService;
import cn.bangfu.orders.OrderService;
import cn.bangfu.orders.OrderStatus;
import cn.bangfu.orders.OrderTransitions;
import cn.bangfu.orders.OrderTransitions.Action;
import cn.bangfu.orders.ProcurementService;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Idempotency;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.SheetWriter;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.LotCommands.LotQuery;
import cn.bangfu.supply.LotRoutes;
import cn.bangfu.supply.LotService;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /buyer}: a school canteen's or a hospital's buyer at work. Lots to buy from (product, region, price,
 * delivery day), each with an order form whose hidden one-time key makes a double click place one order
 * (the API's Idempotency); a demand and its ranked matches, 结对帮扶 partners first, with the reasons in
 * plain words; the buyer's orders with 验收 (partly, if some arrived spoiled) and 结算 with the payment
 * reference; the reserved share of this year against settled purchases, month by month as a small SVG
 * chart; the purchases as a workbook for the finance office.
 */
public final class BuyerPage {
  static final String PATH = "/buyer";
  private static final Set<Role> BUYER = Set.of(Role.BUYER);
  private static final int LOTS_LISTED = 50;
  private static final int ORDERS_LISTED = 100;
  private static final int MATCHES_LISTED = 20;

  private BuyerPage() {
  }

  /** The services the console calls, as the API's routes call them. */
  public record Services(LotService lots, DemandService demands, OrderService orders, OrderTransitions transitions,
      ProcurementService procurement) {
  }

  public record Filter(String product, String region, String maxPrice, String deliverOn) {
  }

  public record LotRow(String id, String cooperative, String product, String grade, String price, String left,
      String unit, String window, String key) {
  }

  public record OrderRow(String id, String cooperative, String product, String quantity, String amount, String placed,
      String status, boolean deliverable, boolean acceptable, boolean payable, String plainQuantity, String paymentDue) {
  }

  /** One month's bar of the reserved-share chart: settled purchases in 元 and the bar's height in the SVG. */
  public record Month(int month, String amount, int height, int x) {
  }

  public record Share(String target, String purchased, String percent, List<Month> months, int targetLine) {
  }

  public record View(String user, String csrf, String notice, String error, Filter filter, List<LotRow> lots,
      List<OrderRow> orders, Share share, int year, Map<String, String> units, DemandForm demand) {
  }

  /** The demand form as typed, with the Chinese message for the field refused. */
  public record DemandForm(String product, String quantity, String unit, String maxPrice, String deliverBy,
      String errorField, String error) {
    public String errorFor(String field) {
      return field.equals(errorField) ? error : null;
    }
  }

  public record Match(String lotId, String cooperative, String price, String left, String window, int score,
      boolean paired, List<String> reasons, String key) {
  }

  public record Matches(String user, String csrf, String product, String quantity, String maxPrice, String deliverBy,
      List<Match> matches) {
  }

  public static void mount(Pages pages, Services services) {
    pages.signedIn(HttpMethod.GET, PATH, BUYER, visit -> home(pages, services, visit,
        notice(visit.ctx().queryParams().get("done")), null, blankDemand(visit), 200));
    pages.signedIn(HttpMethod.POST, PATH + "/orders", BUYER, visit -> {
      Long lot = Body.parseId(field(visit, "lotId"));
      String quantity = field(visit, "quantity");
      String key;
      try {
        key = Idempotency.checkedKey(field(visit, "key"), true);
      } catch (Problem p) {
        return home(pages, services, visit, null, "表单已过期，请刷新页面后再下单。", blankDemand(visit), 400);
      }
      if (lot == null) {
        throw Problem.badRequest("lotId", "lotId must be a string of digits");
      }
      BigDecimal amount;
      try {
        amount = new BigDecimal(quantity);
        if (amount.signum() <= 0 || amount.scale() > 3 || amount.compareTo(LotRoutes.MAX_QUANTITY) > 0) {
          throw new NumberFormatException(quantity);
        }
      } catch (NumberFormatException e) {
        return home(pages, services, visit, null, "订购数量要大于 0，最多三位小数。", blankDemand(visit), 400);
      }
      // the body the API would get, so a replayed key with another quantity is the API's 422, not a second order
      JsonObject body = new JsonObject().put("lotId", Long.toString(lot)).put("quantity", quantity);
      return services.orders().place(visit.caller(), new OrderService.NewOrder(lot, amount, null),
          Idempotency.request(visit.caller(), key, "POST", "/orders", body))
          .map(reply -> Pages.Page.redirect(PATH + "?done=ordered"))
          .recover(failure -> refused(pages, services, visit, failure, "这批货现在订不了：可能已订完、已下架或不在供货期内。"));
    });
    pages.signedIn(HttpMethod.POST, PATH + "/orders/:id/accept", BUYER, visit -> {
      long id = pathId(visit);
      BigDecimal accepted;
      try {
        accepted = new BigDecimal(field(visit, "acceptedQuantity"));
      } catch (NumberFormatException e) {
        return home(pages, services, visit, null, "验收数量请填数字，例如 150。", blankDemand(visit), 400);
      }
      return act(pages, services, visit, id, Action.ACCEPT,
          new OrderTransitions.Details(accepted, null, null, null, null), "accepted");
    });
    pages.signedIn(HttpMethod.POST, PATH + "/orders/:id/settle", BUYER, visit -> {
      long id = pathId(visit);
      String reference = field(visit, "paymentRef");
      if (reference.isEmpty() || reference.length() > 100) {
        return home(pages, services, visit, null, "请填写付款凭证号（银行回单上的流水号），最多 100 个字。", blankDemand(visit), 400);
      }
      return services.orders().order(visit.caller(), id).compose(order -> act(pages, services, visit, id, Action.SETTLE,
          new OrderTransitions.Details(null, order.getAmountFen(), reference, BusinessClock.of(visit.ctx()).today(),
              null), "settled"));
    });
    pages.signedIn(HttpMethod.POST, PATH + "/demands", BUYER, visit -> {
      DemandForm typed = new DemandForm(field(visit, "product"), field(visit, "quantity"), field(visit, "unit"),
          field(visit, "maxPrice"), field(visit, "deliverBy"), null, null);
      try {
        DemandService.NewDemand demand = demand(visit, typed);
        return services.demands().post(visit.caller(), demand)
            .map(row -> Pages.Page.redirect(PATH + "/demands/" + row.getId()));
      } catch (Problem p) {
        if (p.status() != 400 || p.field() == null) {
          throw p;
        }
        return home(pages, services, visit, null, null, new DemandForm(typed.product(), typed.quantity(),
            typed.unit(), typed.maxPrice(), typed.deliverBy(), p.field(), BuyerWords.demandError(p.field())), 400);
      }
    });
    pages.signedIn(HttpMethod.GET, PATH + "/demands/:id", BUYER, visit -> {
      long id = pathId(visit);
      return services.demands().demand(visit.caller(), id).compose(demand -> services.demands()
          .matches(visit.caller(), id, MATCHES_LISTED).compose(scores -> {
            Set<Long> coops = new HashSet<>();
            scores.forEach(s -> coops.add(s.lot().cooperativeId()));
            return services.orders().cooperativeNames(coops).map(names -> {
              Unit unit = Unit.valueOf(demand.getUnit());
              List<Match> matches = scores.stream().map(s -> new Match(Long.toString(s.lot().lotId()),
                  names.getOrDefault(s.lot().cooperativeId(), "合作社"),
                  ChineseText.yuan(s.lot().unitPriceFen()) + " 元/" + CoopPage.UNITS.get(s.lot().unit()),
                  ChineseText.quantity(s.lot().availableQuantity()) + " " + CoopPage.UNITS.get(s.lot().unit()),
                  ChineseText.date(s.lot().availableFrom()) + "至" + ChineseText.date(s.lot().availableTo()),
                  s.total(), s.cooperative().paired(), BuyerWords.reasons(s), UUID.randomUUID().toString()))
                  .toList();
              Matches view = new Matches(visit.caller().username(), visit.csrf(), demand.getProduct(),
                  ChineseText.quantity(demand.getQuantity()) + " " + CoopPage.UNITS.get(unit),
                  ChineseText.yuan(demand.getMaxUnitPriceFen()) + " 元/" + CoopPage.UNITS.get(unit),
                  ChineseText.date(demand.getDeliverBy()), matches);
              return render(pages, "buyer-matches.jte", view, 200);
            });
          }));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/purchases.xlsx", BUYER, visit -> {
      int year = BusinessClock.of(visit.ctx()).today().getYear();
      return services.orders().list(visit.caller(), OrderStatus.SETTLED, 10_000, 0).compose(orders -> {
        List<PurchaseOrderRecord> thisYear = orders.stream()
            .filter(o -> o.getSettledOn() != null && o.getSettledOn().getYear() == year).toList();
        Set<Long> coops = new HashSet<>();
        thisYear.forEach(o -> coops.add(o.getCooperativeId()));
        return services.orders().cooperativeNames(coops).map(names -> {
          visit.ctx().response().putHeader("Content-Type", SheetWriter.CONTENT_TYPE)
              .putHeader("Content-Disposition", "attachment; filename=\"purchases-" + year + ".xlsx\"")
              .end(io.vertx.core.buffer.Buffer.buffer(PurchasesWorkbook.of(year, thisYear, names)));
          return Pages.Page.ok("");
        });
      });
    });
  }

  private static Future<Pages.Page> act(Pages pages, Services services, Pages.Visit visit, long id, Action action,
      OrderTransitions.Details details, String done) {
    return services.transitions().apply(visit.caller(), id, action, details,
            Idempotency.request(visit.caller(), null, "POST", "/orders/" + id + "/" + action.path(), null))
        .map(reply -> Pages.Page.redirect(PATH + "?done=" + done))
        .recover(failure -> refused(pages, services, visit, failure, "这笔订单的状态已经变了，没有再改动；请看下面的最新状态。"));
  }

  private static Future<Pages.Page> refused(Pages pages, Services services, Pages.Visit visit, Throwable failure,
      String conflict) {
    if (failure instanceof Problem p && (p.status() == 409 || p.status() == 422)) {
      return home(pages, services, visit, null, conflict, blankDemand(visit), 409);
    }
    if (failure instanceof Problem p && p.status() == 400) {
      return home(pages, services, visit, null, "acceptedQuantity".equals(p.field())
          ? "验收数量要大于 0，不能多于订购数量。" : "这一项填得不对，请检查后再提交。", blankDemand(visit), 400);
    }
    return Future.failedFuture(failure);
  }

  private static Future<Pages.Page> home(Pages pages, Services services, Pages.Visit visit, String notice,
      String error, DemandForm demand, int status) {
    LocalDate today = BusinessClock.of(visit.ctx()).today();
    int year = today.getYear();
    Filter filter = new Filter(query(visit, "product"), query(visit, "region"), query(visit, "maxPrice"),
        query(visit, "deliverOn"));
    // 产地: digits are a region code's first digits, anything else a place in the cooperatives' names (岑巩, 思旸镇)
    boolean code = filter.region().matches("[0-9]{1,12}");
    LotQuery lotQuery = new LotQuery(filter.product().isEmpty() ? null : filter.product(),
        code ? filter.region() : null, code || filter.region().isEmpty() ? null : place(filter.region()), null, null,
        maxPriceFen(filter.maxPrice()),
        deliverOn(filter.deliverOn(), today), null, null, true, LOTS_LISTED, 0);
    return services.lots().search(lotQuery).compose(lots -> services.orders()
        .list(visit.caller(), null, ORDERS_LISTED, 0).compose(orders -> services.procurement()
            .buyer(visit.caller(), visit.caller().scopeEntityId(), year).compose(share -> {
              Set<Long> coops = new HashSet<>();
              lots.forEach(l -> coops.add(l.getCooperativeId()));
              orders.forEach(o -> coops.add(o.getCooperativeId()));
              return services.orders().cooperativeNames(coops).map(names -> {
                List<LotRow> lotRows = lots.stream().map(l -> lotRow(l, names)).toList();
                List<OrderRow> orderRows = orders.stream().map(o -> orderRow(o, names)).toList();
                View view = new View(visit.caller().username(), visit.csrf(), notice, error, filter, lotRows,
                    orderRows, share(share, orders, year), year, CoopPage.UNITS.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue,
                            (a, b) -> a, java.util.TreeMap::new)), demand);
                return render(pages, "buyer.jte", view, status);
              });
            })));
  }

  private static LotRow lotRow(LotRecord l, Map<Long, String> names) {
    String unit = CoopPage.UNITS.get(Unit.valueOf(l.getUnit()));
    return new LotRow(Long.toString(l.getId()), names.getOrDefault(l.getCooperativeId(), "合作社"), l.getProduct(),
        l.getGrade(), ChineseText.yuan(l.getUnitPriceFen()) + " 元/" + unit, ChineseText.quantity(l.getAvailableQuantity()), unit,
        ChineseText.date(l.getAvailableFrom()) + "至" + ChineseText.date(l.getAvailableTo()),
        UUID.randomUUID().toString());
  }

  private static OrderRow orderRow(PurchaseOrderRecord o, Map<Long, String> names) {
    String unit = CoopPage.UNITS.get(Unit.valueOf(o.getUnit()));
    OrderStatus status = o.getStatus();
    String quantity = ChineseText.quantity(o.getAcceptedQuantity() != null ? o.getAcceptedQuantity() : o.getQuantity());
    return new OrderRow(Long.toString(o.getId()), names.getOrDefault(o.getCooperativeId(), "合作社"), o.getProduct(),
        quantity + " " + unit, ChineseText.yuan(o.getAmountFen()), ChineseText.date(o.getCreatedAt().toLocalDate()),
        CoopPage.STATUS.get(status), status == OrderStatus.SHIPPED, status == OrderStatus.DELIVERED,
        status == OrderStatus.ACCEPTED, ChineseText.plainQuantity(o.getQuantity()), ChineseText.yuan(o.getAmountFen()));
  }

  /** The reserved share and this year's settled purchases by month, as the SVG chart draws them (120 px high). */
  static Share share(JsonObject progress, List<PurchaseOrderRecord> orders, int year) {
    long[] byMonth = new long[12];
    for (PurchaseOrderRecord o : orders) {
      if (o.getStatus() == OrderStatus.SETTLED && o.getSettledOn() != null && o.getSettledOn().getYear() == year) {
        byMonth[o.getSettledOn().getMonthValue() - 1] += o.getAmountFen();
      }
    }
    long target = progress.getLong("reservedTargetFen", 0L);
    long monthlyTarget = target / 12;
    long top = Math.max(monthlyTarget, java.util.Arrays.stream(byMonth).max().orElse(0));
    List<Month> months = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      int height = top == 0 ? 0 : (int) (byMonth[m] * 120 / top);
      months.add(new Month(m + 1, ChineseText.yuan(byMonth[m]), height, 30 + m * 26));
    }
    Object percent = progress.getValue("percentOfTarget");
    return new Share(ChineseText.yuan(target), ChineseText.yuan(progress.getLong("purchasedFen", 0L)),
        percent == null ? "未设目标" : new BigDecimal(percent.toString()).setScale(1, java.math.RoundingMode.HALF_UP) + "%",
        months, top == 0 ? 0 : (int) (monthlyTarget * 120 / top));
  }

  private static DemandService.NewDemand demand(Pages.Visit visit, DemandForm typed) {
    if (typed.product().isEmpty() || typed.product().length() > 100) {
      throw Problem.badRequest("product", "product is required");
    }
    BigDecimal quantity;
    try {
      quantity = new BigDecimal(typed.quantity());
    } catch (NumberFormatException e) {
      throw Problem.badRequest("quantity", "quantity must be a number");
    }
    if (quantity.signum() <= 0 || quantity.scale() > 3 || quantity.compareTo(LotRoutes.MAX_QUANTITY) > 0) {
      throw Problem.badRequest("quantity", "quantity out of range");
    }
    Unit unit;
    try {
      unit = Unit.valueOf(typed.unit());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("unit", "unit is required");
    }
    long maxPrice;
    try {
      maxPrice = CoopPage.fen(typed.maxPrice());
    } catch (Problem p) {
      throw Problem.badRequest("maxPrice", "maxPrice must be 元");
    }
    LocalDate deliverBy;
    try {
      deliverBy = LocalDate.parse(typed.deliverBy());
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.badRequest("deliverBy", "deliverBy must be a date");
    }
    if (deliverBy.isBefore(BusinessClock.of(visit.ctx()).today())) {
      throw Problem.badRequest("deliverBy", "deliverBy is in the past");
    }
    return new DemandService.NewDemand(visit.caller().scopeEntityId(), typed.product(), quantity, unit, maxPrice,
        deliverBy, null);
  }

  private static DemandForm blankDemand(Pages.Visit visit) {
    return new DemandForm("", "", Unit.KG.name(), "", BusinessClock.of(visit.ctx()).today().plusDays(14).toString(),
        null, null);
  }

  /** A place as typed, at most the API's 50 characters, without control characters (a search, never refused). */
  private static String place(String typed) {
    String clean = typed.codePoints().filter(c -> !Character.isISOControl(c)).limit(50)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return clean.isEmpty() ? null : clean;
  }

  private static Long maxPriceFen(String yuan) {
    try {
      return yuan.isEmpty() ? null : CoopPage.fen(yuan);
    } catch (Problem p) {
      return null;
    }
  }

  private static LocalDate deliverOn(String raw, LocalDate today) {
    try {
      return raw.isEmpty() ? today : LocalDate.parse(raw);
    } catch (java.time.format.DateTimeParseException e) {
      return today;
    }
  }

  private static String notice(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "ordered" -> "订单已提交，等合作社确认。";
      case "accepted" -> "已验收。请付款后回来填写付款凭证号。";
      case "settled" -> "已结算，计入本单位今年的预留份额采购。";
      default -> null;
    };
  }

  private static String query(Pages.Visit visit, String name) {
    String value = visit.ctx().queryParams().get(name);
    return value == null ? "" : value.strip();
  }

  private static String field(Pages.Visit visit, String name) {
    String value = visit.form(name);
    return value == null ? "" : value.strip();
  }

  private static long pathId(Pages.Visit visit) {
    Long id = Body.parseId(visit.ctx().pathParam("id"));
    if (id == null) {
      throw Problem.badRequest("id", "id must be a string of digits");
    }
    return id;
  }

  private static Pages.Page render(Pages pages, String template, Object view, int status) {
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    return Pages.Page.of(status, pages.render(template, params));
  }
}
