package cn.bangfu.coop;

import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.book.BookCategories.MoneyAccount;
import cn.bangfu.book.BookCategories.PaidFrom;
import cn.bangfu.book.BookRoutes;
import cn.bangfu.book.BookService;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.ShareHoldingRecord;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.SheetWriter;
import cn.bangfu.registry.IdentityNumber;
import cn.bangfu.registry.Masking;
import cn.bangfu.registry.RegistryRoutes;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.registry.Unit;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /coop/book} (issue 16): the accountant's day-to-day book. The members with their shares and
 * a link to each member's account (成员账户), one form each for a delivery bought from a member (交售),
 * a day's labour, a cost and an income, and the upload of a season's deliveries as CSV or .xlsx. Every
 * form is read by the API's own parser ({@link BookRoutes#newPurchase} and the others) and written by
 * the API's services, so page and API refuse alike; a refusal comes back in Chinese beside the field,
 * with what was typed kept. An upload is checked row by row and written in one transaction: a file with
 * one bad row writes nothing and names the row.
 */
public final class BookPage {
  static final String PATH = "/coop/book";
  static final String UPLOAD = PATH + "/deliveries/upload";
  /** The blank season sheet to fill in and upload. */
  static final String TEMPLATE = PATH + "/deliveries-template.xlsx";
  private static final Set<Role> COOP = Set.of(Role.COOP);
  /** The four entry forms, in the order of the page. */
  static final List<String> FORMS = List.of("delivery", "labour", "cost", "income", "join", "contribution",
      "payment");
  /** A form field → the API body field it becomes (amounts are typed in 元, the API takes fen). */
  private static final Map<String, String> API_FIELD = Map.of("member", "householdId", "value", "valueFen",
      "amount", "amountFen", "wage", "wageFen", "people", "members", "capacity", "laborCapacity");
  public static final Map<CostCategory, String> COST_WORDS = costWords();
  public static final Map<IncomeCategory, String> INCOME_WORDS = incomeWords();
  private static final Map<ShareClass, String> SHARE_WORDS = Map.of(ShareClass.CAPITAL, "现金入股",
      ShareClass.LAND, "土地入股", ShareClass.FISCAL, "财政资金量化", ShareClass.DONATED, "捐赠资金量化");

  private BookPage() {
  }

  /** One choice of a select: the value sent and the words shown. */
  public record Choice(String value, String label) {
  }

  /** A member as the accountant picks it: full name (its own member), masked identity number, shares. */
  public record Member(String id, String name, String idNumber, String shares) {
  }

  /** One form as typed, and the Chinese message for the field refused. */
  public record Form(Map<String, String> values, String errorField, String error) {
    public String value(String field) {
      return values.getOrDefault(field, "");
    }

    public String errorFor(String field) {
      return field.equals(errorField) ? error : null;
    }
  }

  public record View(String user, String csrf, String notice, String uploadProblem, List<Member> members,
      boolean allMembers, Map<String, Form> forms, List<Choice> units, List<Choice> costs, List<Choice> incomes,
      List<Choice> paidFrom, List<Choice> into, String today, List<String> columns, List<Choice> shareClasses,
      List<Choice> capacities, List<Choice> contributionKinds, List<Choice> payables) {
    public Form form(String name) {
      return forms.get(name);
    }
  }

  public static void mount(Pages pages, RegistryService registry, BookService book) {
    pages.signedIn(HttpMethod.GET, PATH, COOP, visit -> render(pages, registry, visit,
        notice(visit.ctx().queryParams().get("done"), visit.ctx().queryParams().get("n")), null, Map.of(), 200));
    pages.signedIn(HttpMethod.POST, PATH + "/deliveries", COOP, visit -> entry(pages, registry, visit, "delivery",
        List.of("member", "product", "quantity", "unit", "value", "date"), (json, body) ->
            book.recordPurchase(visit.caller(), visit.caller().scopeEntityId(), BookRoutes.newPurchase(body))));
    pages.signedIn(HttpMethod.POST, PATH + "/labour", COOP, visit -> entry(pages, registry, visit, "labour",
        List.of("member", "post", "days", "wage", "date"), (json, body) ->
            registry.recordLabor(visit.caller(), visit.caller().scopeEntityId(), RegistryRoutes.newLabor(body))));
    pages.signedIn(HttpMethod.POST, PATH + "/costs", COOP, visit -> entry(pages, registry, visit, "cost",
        List.of("category", "amount", "paidFrom", "date", "note"), (json, body) ->
            book.recordCost(visit.caller(), visit.caller().scopeEntityId(), BookRoutes.newCost(body))));
    pages.signedIn(HttpMethod.POST, PATH + "/income", COOP, visit -> entry(pages, registry, visit, "income",
        List.of("category", "amount", "into", "date", "note"), (json, body) ->
            book.recordIncome(visit.caller(), visit.caller().scopeEntityId(), BookRoutes.newIncome(body))));
    pages.signedIn(HttpMethod.POST, PATH + "/contributions", COOP, visit -> entry(pages, registry, visit,
        "contribution", List.of("member", "kind", "amount", "date"), (json, body) ->
            book.recordContribution(visit.caller(), visit.caller().scopeEntityId(), BookRoutes.newContribution(body))));
    pages.signedIn(HttpMethod.POST, PATH + "/payments", COOP, visit -> entry(pages, registry, visit, "payment",
        List.of("payable", "member", "amount", "from", "date", "note"), (json, body) -> {
          // the member is named only when a member's 成员往来 is paid: the form's picker is ignored otherwise
          if (!"MEMBER_CURRENT".equals(json.getString("payable"))) {
            json.remove("householdId");
          }
          return book.recordPayment(visit.caller(), visit.caller().scopeEntityId(), BookRoutes.newPayment(body));
        }));
    pages.signedIn(HttpMethod.POST, UPLOAD, COOP, visit -> upload(pages, registry, book, visit));
    // built once at start: the same blank sheet for everyone, not POI work on an event loop per download
    byte[] blankSheet = DeliverySheet.template(List.copyOf(CoopPage.UNITS.values()));
    pages.signedIn(HttpMethod.GET, TEMPLATE, COOP, visit -> {
      // a download, not a page: answered here, so Pages leaves the ended response alone
      visit.ctx().response().putHeader("Content-Type", SheetWriter.CONTENT_TYPE)
          .putHeader("Content-Disposition", "attachment; filename=\"deliveries.xlsx\"; filename*=UTF-8''"
              + java.net.URLEncoder.encode("交售表.xlsx", java.nio.charset.StandardCharsets.UTF_8))
          .end(io.vertx.core.buffer.Buffer.buffer(blankSheet));
      return Future.succeededFuture(Pages.Page.ok(""));
    });
    pages.signedIn(HttpMethod.POST, PATH + "/members", COOP, visit -> join(pages, registry, visit));
    pages.signedIn(HttpMethod.GET, MEMBER, COOP, visit -> memberAccount(pages, registry, book, visit));
  }

  static final String MEMBER = "/coop/members/:id";

  /** 成员账户 of one member for one year (Cooperative Law art. 43), from the book alone. */
  public record Account(String name, String idNumber, int year, List<Integer> years, String shareCapital,
      String fiscal, String donated, String trade, String rebates, String dividends, String paid, String unpaid,
      String providentFund) {
  }

  private static Future<Pages.Page> memberAccount(Pages pages, RegistryService registry, BookService book,
      Pages.Visit visit) {
    Long householdId = Body.parseId(visit.ctx().pathParam("id"));
    if (householdId == null) {
      throw Problem.badRequest("id", "member id must be a string of digits");
    }
    LocalDate today = BusinessClock.of(visit.ctx()).today();
    int year = today.getYear();
    String asked = visit.ctx().queryParams().get("year");
    if (asked != null) {
      if (!asked.matches("[0-9]{4}") || Integer.parseInt(asked) > today.getYear() || Integer.parseInt(asked) < 2000) {
        throw Problem.badRequest("year", "year must be a year up to this one");
      }
      year = Integer.parseInt(asked);
    }
    long cooperative = visit.caller().scopeEntityId();
    int shown = year;
    return book.memberAccount(visit.caller(), cooperative, householdId, year).compose(a ->
        registry.household(visit.caller(), householdId).map(h -> {
          long owed = a.rebatesFen() + a.dividendsFen() - a.paidFen();
          List<Integer> years = new ArrayList<>();
          for (int y = today.getYear(); y >= today.getYear() - 4; y--) {
            years.add(y);
          }
          Account account = new Account(h.household().getName(), h.household().getIdNumberMasked(), shown, years,
              ChineseText.yuan(a.shareCapitalFen()), ChineseText.yuan(a.quantifiedFiscalFen()),
              ChineseText.yuan(a.quantifiedDonatedFen()), ChineseText.yuan(a.tradeVolumeFen()),
              ChineseText.yuan(a.rebatesFen()), ChineseText.yuan(a.dividendsFen()), ChineseText.yuan(a.paidFen()),
              ChineseText.yuan(Math.max(0, owed)), ChineseText.yuan(a.providentFundShareFen()));
          Map<String, Object> params = new HashMap<>();
          params.put("account", account);
          params.put("user", visit.caller().username());
          params.put("csrf", visit.csrf());
          params.put("id", Long.toString(householdId));
          return Pages.Page.ok(pages.render("coop-member.jte", params));
        }));
  }

  @FunctionalInterface
  private interface Write {
    Future<?> write(JsonObject json, Body body);
  }

  /** One entry form: typed fields → the API's body → its parser and service; refusals beside the field. */
  private static Future<Pages.Page> entry(Pages pages, RegistryService registry, Pages.Visit visit, String form,
      List<String> fields, Write write) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (String field : fields) {
      String value = visit.form(field);
      typed.put(field, value == null ? "" : value.strip());
    }
    try {
      JsonObject json = apiBody(typed);
      return write.write(json, Body.wrap(json, "", BusinessClock.of(visit.ctx())))
          // to the notice at the top: without a fragment of its own the browser would keep the form's
          .map(done -> Pages.Page.redirect(PATH + "?done=" + form + "#done"))
          .recover(failure -> refused(pages, registry, visit, form, typed, failure));
    } catch (Problem p) {
      return refused(pages, registry, visit, form, typed, p);
    }
  }

  /**
   * 入社: a person joins by name and 身份证号 with one share holding (or none), registered first when the
   * county does not know the household yet ({@link RegistryService#enrol}); the household's fields are
   * read by the API's household parser, the share by its membership parser.
   */
  private static Future<Pages.Page> join(Pages pages, RegistryService registry, Pages.Visit visit) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (String field : List.of("name", "idNumber", "people", "capacity", "shareClass", "units", "since")) {
      String value = visit.form(field);
      typed.put(field, value == null ? "" : value.strip());
    }
    long cooperative = visit.caller().scopeEntityId();
    BusinessClock clock = BusinessClock.of(visit.ctx());
    return registry.cooperative(visit.caller(), cooperative).compose(own -> {
      try {
        JsonObject household = new JsonObject().put("regionCode", own.getRegionCode());
        putIfTyped(household, "name", typed.get("name"));
        putIfTyped(household, "idNumber", typed.get("idNumber"));
        putIfTyped(household, "laborCapacity", typed.get("capacity"));
        if (!typed.get("people").isEmpty()) {
          if (!typed.get("people").matches("[0-9]{1,2}")) {
            throw Problem.badRequest("members", "members must be a whole number");
          }
          household.put("members", Integer.parseInt(typed.get("people")));
        }
        var h = RegistryRoutes.newHousehold(Body.wrap(household, "", clock));
        List<cn.bangfu.registry.RegistryCommands.NewMembership.Share> shares = new ArrayList<>();
        if (!typed.get("units").isEmpty() || !typed.get("shareClass").isEmpty()) {
          JsonObject share = new JsonObject();
          putIfTyped(share, "shareClass", typed.get("shareClass"));
          putIfTyped(share, "units", typed.get("units"));
          putIfTyped(share, "since", typed.get("since"));
          shares.add(RegistryRoutes.share(Body.wrap(share, "", clock), 0));
        }
        return registry.enrol(visit.caller(), cooperative, h, shares)
            .map(m -> Pages.Page.redirect(PATH + "?done=join#done"))
            // a household of another county is refused on its id; the form names it by its 身份证号
            .recover(failure -> refused(pages, registry, visit, "join", typed,
                failure instanceof Problem p && "householdId".equals(p.field()) ? p.atField("idNumber") : failure));
      } catch (Problem p) {
        return refused(pages, registry, visit, "join", typed, p);
      }
    });
  }

  private static void putIfTyped(JsonObject json, String field, String value) {
    if (!value.isEmpty()) {
      json.put(field, value);
    }
  }

  /** The form as the API's JSON: amounts in 元 become fen, or a 400 naming the form's own field. */
  private static JsonObject apiBody(Map<String, String> typed) {
    JsonObject json = new JsonObject();
    typed.forEach((field, value) -> {
      if (value.isEmpty()) {
        return;
      }
      String apiField = API_FIELD.getOrDefault(field, field);
      if (apiField.endsWith("Fen")) {
        Long fen = ChineseText.fenOf(value);
        if (fen == null) {
          throw Problem.badRequest(field, field + " must be 元 with at most two decimals");
        }
        json.put(apiField, fen);
      } else {
        json.put(apiField, value);
      }
    });
    return json;
  }

  private static Future<Pages.Page> refused(Pages pages, RegistryService registry, Pages.Visit visit, String form,
      Map<String, String> typed, Throwable failure) {
    if (failure instanceof Problem p && p.status() >= 400 && p.status() < 500 && p.field() != null) {
      String field = formField(p.field());
      Map<String, Form> forms = Map.of(form, new Form(typed, field, message(field, p)));
      return render(pages, registry, visit, null, null, forms, p.status() == 409 ? 409 : 400);
    }
    return Future.failedFuture(failure);
  }

  private static String formField(String apiField) {
    for (Map.Entry<String, String> e : API_FIELD.entrySet()) {
      if (e.getValue().equals(apiField)) {
        return e.getKey();
      }
    }
    return apiField;
  }

  /** The Chinese words for a field the API refused; its English detail is for programs. */
  static String message(String field, Problem p) {
    String detail = p.getMessage() == null ? "" : p.getMessage();
    boolean missing = detail.endsWith("is required");
    if ("year-closed".equals(p.type())) {
      return "这一年的账已经结账，不能再记入这一天。请换一个没结账年份的日期。";
    }
    return switch (field) {
      case "member" -> "not-a-member".equals(p.type()) ? "这户不是本社成员。" : "请从名单里选择成员。";
      case "product" -> missing ? "请填写品名，例如“葡萄”。" : "品名最多 100 个字。";
      case "quantity" -> missing ? "请填写数量。" : "数量要大于 0，最多三位小数。";
      case "unit" -> "请选择计量单位。";
      case "value", "amount" -> "overpayment".equals(p.type()) ? "付的比合作社欠的多，请核对金额。"
          : "金额请填大于 0 的元数，最多两位小数，例如 3000.00。";
      case "wage" -> "工钱请填元数，最多两位小数；没有工钱可以不填。";
      case "days" -> missing ? "请填写天数。" : "天数要大于 0、不超过 366，最多一位小数，例如 1.5。";
      case "post" -> missing ? "请填写干的活，例如“葡萄园除草”。" : "最多 100 个字。";
      case "date" -> missing ? "请填写日期。" : detail.contains("future") ? "日期不能晚于今天。" : "日期要写成 2026-12-03 这样。";
      case "category" -> "请选择类别。";
      case "paidFrom" -> "请选择这笔钱怎么付的。";
      case "into" -> "请选择钱收到哪里。";
      case "note" -> "备注最多 500 个字。";
      case "name" -> "name-mismatch".equals(p.type()) ? "这个身份证号已经登记过，登记的姓名不是这个。请核对姓名和身份证号。"
          : "请填写姓名，最多 50 个字。";
      case "idNumber" -> "already-a-member".equals(p.type()) ? "这户已经是本社成员了。"
          : detail.contains("county") ? "这户登记在别的县，本社只能吸收本县的农户。"
          : "身份证号不对（应当是 18 位，最后一位可以是 X）。";
      case "people" -> "家庭人口请填 1 到 30 之间的整数。";
      case "capacity" -> "请选择劳动能力。";
      case "kind" -> "请选择出资的类别。";
      case "payable" -> "请选择付的是哪一笔欠款。";
      case "from" -> "请选择从哪里付。";
      case "shareClass" -> "请选择入股方式。";
      case "units" -> missing ? "请填写入股的数量；不入股就把入股方式和数量都空着。" : "入股数量要大于 0，最多三位小数。";
      case "since" -> missing ? "请填写入股日期。" : "入股日期要写成 2026-01-01 这样。";
      default -> "这一项填得不对，请检查。";
    };
  }

  private static String notice(String done, String count) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "delivery" -> "交售已记账：合作社欠这户的货款记在成员往来上。";
      case "labour" -> "用工已记下。";
      case "cost" -> "费用已记账。";
      case "income" -> "收入已记账。";
      case "join" -> "已入社，名单里可以看到这户。";
      case "contribution" -> "出资已记账，记在这户的成员账户上。";
      case "payment" -> "付款已记账，欠款减少了。";
      case "upload" -> count != null && count.matches("[0-9]{1,5}") ? "文件里的 " + count + " 笔交售都已记账。" : null;
      default -> null;
    };
  }

  /**
   * The season's deliveries: each row read by the API's 交售 parser, its member found by 身份证号 among
   * this cooperative's members (and the name checked against the roster), then all rows booked in one
   * transaction. Any problem names the spreadsheet row and column, and nothing is written.
   */
  private static Future<Pages.Page> upload(Pages pages, RegistryService registry, BookService book,
      Pages.Visit visit) {
    List<FileUpload> files = visit.ctx().fileUploads();
    if (files.isEmpty() || files.get(0).size() == 0) {
      return uploadRefused(pages, registry, visit, "请先选择要上传的文件。");
    }
    FileUpload file = files.get(0);
    // reading a workbook of thousands of rows is CPU work: off the event loop, on a worker
    return visit.ctx().vertx().fileSystem().readFile(file.uploadedFileName())
        .compose(buffer -> visit.ctx().vertx().executeBlocking(() -> {
          try {
            return new Sheet(DeliverySheet.read(file.fileName(), buffer.getBytes()), null);
          } catch (DeliverySheet.Unreadable e) {
            return new Sheet(null, e.getMessage());
          }
        }, false))
        .compose(sheet -> sheet.unreadable() != null ? uploadRefused(pages, registry, visit, sheet.unreadable())
            : booked(pages, registry, book, visit, sheet.lines()));
  }

  /** An uploaded file's rows, or why it could not be read. */
  private record Sheet(List<DeliverySheet.Line> lines, String unreadable) {
  }

  private static Future<Pages.Page> booked(Pages pages, RegistryService registry, BookService book,
      Pages.Visit visit, List<DeliverySheet.Line> lines) {
    Set<String> numbers = new LinkedHashSet<>();
    for (DeliverySheet.Line line : lines) {
      String number = IdentityNumber.normalize(line.cell(DeliverySheet.ID_NUMBER));
      if (IdentityNumber.problemWith(number) != null) {
        return uploadRefused(pages, registry, visit, row(line, DeliverySheet.ID_NUMBER)
            + "身份证号不对（应当是 18 位，最后一位可以是 X）。");
      }
      numbers.add(number);
    }
    long cooperative = visit.caller().scopeEntityId();
    BusinessClock clock = BusinessClock.of(visit.ctx());
    return registry.membersByIdNumber(visit.caller(), cooperative, numbers).compose(members -> {
      List<BookService.NewPurchase> batch = new ArrayList<>();
      for (DeliverySheet.Line line : lines) {
        String number = IdentityNumber.normalize(line.cell(DeliverySheet.ID_NUMBER));
        HouseholdRecord member = members.get(number);
        if (member == null) {
          return uploadRefused(pages, registry, visit, row(line, DeliverySheet.ID_NUMBER) + "身份证号 "
              + IdentityNumber.mask(number) + " 的农户不是本社成员。请先把这户加入合作社，或改正身份证号。");
        }
        if (!member.getName().equals(line.cell(DeliverySheet.NAME))) {
          return uploadRefused(pages, registry, visit, row(line, DeliverySheet.NAME) + "姓名和身份证号对不上（成员名册上是 "
              + Masking.name(member.getName()) + "）。");
        }
        String problemColumn = DeliverySheet.VALUE;
        try {
          JsonObject json = new JsonObject().put("householdId", Long.toString(member.getId()))
              .put("product", line.cell(DeliverySheet.PRODUCT)).put("quantity", line.cell(DeliverySheet.QUANTITY));
          problemColumn = DeliverySheet.UNIT;
          json.put("unit", unitCode(line.cell(DeliverySheet.UNIT)));
          problemColumn = DeliverySheet.VALUE;
          Long fen = ChineseText.fenOf(line.cell(DeliverySheet.VALUE));
          if (fen == null) {
            throw Problem.badRequest("valueFen", "valueFen must be 元 with at most two decimals");
          }
          json.put("valueFen", fen);
          problemColumn = DeliverySheet.DATE;
          json.put("date", isoDate(line.cell(DeliverySheet.DATE)));
          batch.add(BookRoutes.newPurchase(Body.wrap(json, "", clock)));
        } catch (Problem p) {
          String column = p.field() == null ? problemColumn : column(p.field());
          return uploadRefused(pages, registry, visit, row(line, column)
              + message(formField(p.field() == null ? "" : p.field()), p));
        }
      }
      return book.recordPurchases(visit.caller(), cooperative, batch)
          .map(done -> Pages.Page.redirect(PATH + "?done=upload&n=" + done.size() + "#done"))
          .recover(failure -> {
            if (failure instanceof Problem p && p.field() != null && p.field().startsWith("rows[")) {
              int index = Integer.parseInt(p.field().substring(5, p.field().indexOf(']')));
              String field = p.field().substring(p.field().indexOf("].") + 2);
              return uploadRefused(pages, registry, visit, row(lines.get(index), column(field))
                  + message(formField(field), p));
            }
            return Future.failedFuture(failure);
          });
    });
  }

  private static String column(String apiField) {
    return switch (apiField) {
      case "householdId" -> DeliverySheet.ID_NUMBER;
      case "product" -> DeliverySheet.PRODUCT;
      case "quantity" -> DeliverySheet.QUANTITY;
      case "unit" -> DeliverySheet.UNIT;
      case "valueFen" -> DeliverySheet.VALUE;
      default -> DeliverySheet.DATE;
    };
  }

  private static String row(DeliverySheet.Line line, String column) {
    return "表格第 " + line.rowNumber() + " 行“" + column + "”：";
  }

  /** 公斤, 斤 … as the page writes them, or the API's code (KG); anything else is refused by the parser. */
  private static String unitCode(String typed) {
    for (Map.Entry<Unit, String> e : CoopPage.UNITS.entrySet()) {
      if (e.getValue().equals(typed) || e.getKey().name().equalsIgnoreCase(typed)) {
        return e.getKey().name();
      }
    }
    return typed;
  }

  private static final List<DateTimeFormatter> SHEET_DATES = List.of(DateTimeFormatter.ofPattern("uuuu-M-d"),
      DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.ofPattern("uuuu.M.d"),
      DateTimeFormatter.ofPattern("uuuu年M月d日"));

  /** 2026/9/15, 2026.9.15 and 2026年9月15日 as a spreadsheet writes them → 2026-09-15 for the parser. */
  static String isoDate(String typed) {
    for (DateTimeFormatter format : SHEET_DATES) {
      try {
        return LocalDate.parse(typed, format.withResolverStyle(java.time.format.ResolverStyle.STRICT)).toString();
      } catch (DateTimeParseException e) {
        // the next spelling
      }
    }
    return typed;
  }

  private static Future<Pages.Page> uploadRefused(Pages pages, RegistryService registry, Pages.Visit visit,
      String why) {
    return render(pages, registry, visit, null, why + " 整个文件都没有记账，请改好后重新上传。", Map.of(), 400);
  }

  private static Future<Pages.Page> render(Pages pages, RegistryService registry, Pages.Visit visit, String notice,
      String uploadProblem, Map<String, Form> typed, int status) {
    LocalDate today = BusinessClock.of(visit.ctx()).today();
    return registry.memberDirectory(visit.caller(), visit.caller().scopeEntityId()).map(directory -> {
      Map<String, Form> forms = new LinkedHashMap<>();
      for (String form : FORMS) {
        forms.put(form, typed.getOrDefault(form, blank(form, today)));
      }
      List<Member> members = directory.stream().map(m -> member(m.household(), m.shares())).toList();
      View view = new View(visit.caller().username(), visit.csrf(), notice, uploadProblem, members,
          members.size() < RegistryService.MAX_MEMBER_DIRECTORY, forms, choices(CoopPage.UNITS),
          // produce bought from a member is booked by the delivery form, with its member: not as a bare cost
          choices(COST_WORDS).stream().filter(c -> !c.value().equals(CostCategory.MEMBER_PRODUCE.name())).toList(),
          choices(INCOME_WORDS), List.of(new Choice(PaidFrom.PAYABLE.name(), "还没付（记应付款）"),
              new Choice(PaidFrom.BANK.name(), "银行付的"), new Choice(PaidFrom.CASH.name(), "现金付的")),
          List.of(new Choice(MoneyAccount.BANK.name(), "存入银行"), new Choice(MoneyAccount.CASH.name(), "收的现金")),
          today.toString(), DeliverySheet.COLUMNS, List.of(new Choice("LAND", "土地入股（亩）"),
              new Choice("CAPITAL", "现金入股（元）"), new Choice("FISCAL", "财政资金量化（元）"),
              new Choice("DONATED", "捐赠资金量化（元）")),
          List.of(new Choice("FULL", "有劳动能力"), new Choice("PARTIAL", "弱劳动能力"), new Choice("NONE", "无劳动能力")),
          List.of(new Choice("CAPITAL", "股金（现金入股）"), new Choice("FISCAL_QUANTIFIED", "财政补助资金量化给这户"),
              new Choice("DONATED_QUANTIFIED", "捐赠财产量化给这户")),
          List.of(new Choice("MEMBER_CURRENT", "欠成员的货款（成员往来）"), new Choice("WAGES", "欠的工资"),
              new Choice("PAYABLE", "其他欠款（地租、费用）")));
      Map<String, Object> params = new HashMap<>();
      params.put("view", view);
      return Pages.Page.of(status, pages.render("coop-book.jte", params));
    });
  }

  private static Form blank(String form, LocalDate today) {
    Map<String, String> values = new HashMap<>();
    values.put("date", today.toString());
    values.put("unit", Unit.KG.name());
    values.put("paidFrom", PaidFrom.PAYABLE.name());
    values.put("into", MoneyAccount.BANK.name());
    values.put("since", today.toString());
    values.put("capacity", "FULL");
    values.put("kind", "CAPITAL");
    values.put("payable", "MEMBER_CURRENT");
    values.put("from", MoneyAccount.BANK.name());
    return new Form(values, null, null);
  }

  private static Member member(HouseholdRecord h, List<ShareHoldingRecord> shares) {
    List<String> parts = new ArrayList<>();
    for (ShareHoldingRecord s : shares) {
      ShareClass shareClass = s.getShareClass();
      parts.add(SHARE_WORDS.get(shareClass) + " " + s.getUnits().stripTrailingZeros().toPlainString() + " "
          + shareClass.unit().zh());
    }
    return new Member(Long.toString(h.getId()), h.getName(), h.getIdNumberMasked(),
        parts.isEmpty() ? "没有股份" : String.join("，", parts));
  }

  private static <E extends Enum<E>> List<Choice> choices(Map<E, String> words) {
    List<Choice> choices = new ArrayList<>();
    words.forEach((k, v) -> choices.add(new Choice(k.name(), v)));
    return choices;
  }

  private static Map<CostCategory, String> costWords() {
    Map<CostCategory, String> words = new java.util.EnumMap<>(CostCategory.class);
    for (CostCategory c : CostCategory.values()) {
      words.put(c, switch (c) {
        case OPERATION_MAINTENANCE -> "运行维护";
        case MEMBER_PRODUCE -> "收购成员产品";
        case LAND_RENT -> "土地租金";
        case WAGES -> "工资";
        case PUBLIC_WELFARE_POST -> "公益岗位工资";
        case MATERIALS -> "农资材料";
        case TRANSPORT -> "运输";
        case ADMIN -> "管理费用";
        case OTHER -> "其他支出";
      });
    }
    return java.util.Collections.unmodifiableMap(words);
  }

  private static Map<IncomeCategory, String> incomeWords() {
    Map<IncomeCategory, String> words = new java.util.EnumMap<>(IncomeCategory.class);
    for (IncomeCategory c : IncomeCategory.values()) {
      words.put(c, switch (c) {
        case OFF_PLATFORM_SALES -> "平台外销售";
        case SUBSIDY -> "补贴";
        case PV_GRID -> "光伏上网电费";
        case PV_SUBSIDY -> "光伏电价补贴";
        case SERVICE -> "服务收入";
        case OTHER -> "其他收入";
      });
    }
    return java.util.Collections.unmodifiableMap(words);
  }
}
