package cn.bangfu.web;

import static cn.bangfu.db.Tables.BOOK_PAYMENT;
import static cn.bangfu.db.Tables.COOPERATIVE_INCOME;
import static cn.bangfu.db.Tables.COST_RECORD;
import static cn.bangfu.db.Tables.LABOR_RECORD;
import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * /coop/book without a browser (issue 16): a grape cooperative's accountant books a member's 300 公斤 of
 * grapes at 12 元/公斤 (3,600.00 元), a day's labour, a cost and an income with the forms, and a season
 * of deliveries as CSV and as .xlsx; a bad field is refused in Chinese beside it, and a file with one bad
 * row writes nothing and names the row. Every figure is checked through the API's member account.
 */
class BookPageTest {
  private static final String PASSWORD = "coop-password-2026";
  @ClassServer static TestServer server;

  /** A cooperative with two members, 张秀英 and 李建国, and its accountant's page browser. */
  private record Desk(Market market, PageClient browser, String zhang, String zhangId, String li, String liId) {
    String csrf() {
      return browser.get("/coop/book").csrf();
    }

    long trade(String household) {
      return server.http.get("/api/v1/cooperatives/" + market.coop + "/members/" + household + "/account?year="
          + server.today().getYear(), market.coopToken).expect(200).body().getLong("tradeVolumeFen");
    }
  }

  private static Desk desk(String name) {
    Market market = Market.open(server, name, Fixtures.REGION);
    String zhangId = Fixtures.idNumber();
    String liId = Fixtures.idNumber();
    String zhang = member(market, "张秀英", zhangId);
    String li = member(market, "李建国", liId);
    String username = "book-page-" + UUID.randomUUID().toString().substring(0, 8);
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", PASSWORD).put("role", "COOP").put("scopeId", market.coop)).expect(201);
    PageClient browser = new PageClient(server.server().port());
    assertThat(browser.signIn(username, PASSWORD).location()).isEqualTo("/coop");
    return new Desk(market, browser, zhang, zhangId, li, liId);
  }

  private static String member(Market market, String name, String idNumber) {
    String household = server.http.post("/api/v1/households", server.adminToken, Fixtures.household(name, idNumber))
        .expect(201).body().getString("id");
    server.http.post("/api/v1/cooperatives/" + market.coop + "/members", market.coopToken,
        Fixtures.membership(household)).expect(201);
    return household;
  }

  private static String augustDay() {
    return LocalDate.of(server.today().getYear(), 8, 20).toString();
  }

  private static Map<String, String> grapes(String csrf, String member, String value) {
    return form("csrf", csrf, "member", member, "product", "葡萄", "quantity", "300", "unit", "KG", "value", value,
        "date", augustDay());
  }

  @Test
  void the_page_lists_the_members_with_masked_identity_numbers_and_their_shares_in_words() {
    Desk desk = desk("书页葡萄一");

    PageClient.Page page = desk.browser().get("/coop/book");

    assertThat(page.status()).isEqualTo(200);
    Element zhang = page.html().selectFirst("section.member[data-member=" + desk.zhang() + "]");
    assertThat(zhang.text()).contains("张秀英", "土地入股 4.5 亩", "财政资金量化 1000 元")
        .doesNotContain(desk.zhangId());
    assertThat(zhang.selectFirst("h3 .note").text()).endsWith(desk.zhangId().substring(14));
    assertThat(page.html().select("#delivery-member option")).extracting(Element::text)
        .contains("张秀英 " + zhang.selectFirst("h3 .note").text());
    assertThat(page.text()).doesNotContain("OPERATION_MAINTENANCE", "PV_GRID", "MEMBER_PRODUCE");
  }

  @Test
  void a_delivery_typed_in_yuan_is_booked_as_the_members_trade_and_shows_on_its_member_account() {
    Desk desk = desk("书页葡萄二");

    PageClient.Page posted = desk.browser().post("/coop/book/deliveries", grapes(desk.csrf(), desk.zhang(), "3,600.00"));

    assertThat(posted.status()).isEqualTo(303);
    assertThat(posted.location()).isEqualTo("/coop/book?done=delivery#done");
    assertThat(desk.trade(desk.zhang())).isEqualTo(360_000);
    assertThat(desk.trade(desk.li())).isZero();
    PageClient.Page account = desk.browser().get("/coop/members/" + desk.zhang());
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.html().selectFirst("h1").text()).isEqualTo("成员账户：张秀英");
    assertThat(account.html().selectFirst("#trade").text()).isEqualTo("3,600.00 元");
    assertThat(account.html().selectFirst("#rebates").text()).isEqualTo("0.00 元");
    // another cooperative's member is not this accountant's to read
    Desk other = desk("书页葡萄二外");
    assertThat(desk.browser().get("/coop/members/" + other.zhang()).status()).isIn(403, 404);
  }

  @Test
  void a_bad_field_is_refused_in_chinese_beside_it_with_the_typed_values_kept_and_nothing_booked() {
    Desk desk = desk("书页葡萄三");
    String csrf = desk.csrf();

    PageClient.Page badValue = desk.browser().post("/coop/book/deliveries", grapes(csrf, desk.zhang(), "3600.123"));
    Map<String, String> future = grapes(csrf, desk.zhang(), "3600");
    future.put("date", server.today().plusDays(1).toString());
    PageClient.Page tomorrow = desk.browser().post("/coop/book/deliveries", future);
    PageClient.Page nobody = desk.browser().post("/coop/book/deliveries", grapes(csrf, "", "3600"));
    PageClient.Page noDays = desk.browser().post("/coop/book/labour", form("csrf", csrf, "member", desk.li(),
        "post", "葡萄园除草", "days", "0", "wage", "120", "date", augustDay()));
    PageClient.Page noCategory = desk.browser().post("/coop/book/costs", form("csrf", csrf, "category", "",
        "amount", "800", "paidFrom", "BANK", "date", augustDay(), "note", ""));

    assertThat(badValue.status()).isEqualTo(400);
    Element error = badValue.html().selectFirst("#delivery .error, #delivery-form .error");
    assertThat(error.text()).isEqualTo("金额请填大于 0 的元数，最多两位小数，例如 3000.00。");
    assertThat(error.nextElementSibling().id()).isEqualTo("delivery-value");
    assertThat(badValue.html().select(".error")).hasSize(1);
    assertThat(badValue.html().selectFirst("#delivery-value").val()).isEqualTo("3600.123");
    assertThat(badValue.html().selectFirst("#delivery-product").val()).isEqualTo("葡萄");
    assertThat(badValue.html().selectFirst("#delivery-member option[selected]").val()).isEqualTo(desk.zhang());
    assertThat(tomorrow.html().selectFirst("#delivery-form .error").text()).isEqualTo("日期不能晚于今天。");
    assertThat(nobody.html().selectFirst("#delivery-form .error").text()).isEqualTo("请从名单里选择成员。");
    assertThat(noDays.status()).isEqualTo(400);
    assertThat(noDays.html().selectFirst("#labour-form .error").text())
        .isEqualTo("天数要大于 0、不超过 366，最多一位小数，例如 1.5。");
    assertThat(noCategory.html().selectFirst("#cost-form .error").text()).isEqualTo("请选择类别。");
    assertThat(desk.trade(desk.zhang())).isZero();
    assertThat(rows(desk, "labour")).isZero();
    assertThat(rows(desk, "cost")).isZero();
  }

  @Test
  void labour_cost_and_income_forms_book_what_was_typed() {
    Desk desk = desk("书页葡萄四");
    String csrf = desk.csrf();

    PageClient.Page labour = desk.browser().post("/coop/book/labour", form("csrf", csrf, "member", desk.li(),
        "post", "葡萄园除草", "days", "1.5", "wage", "180", "date", augustDay()));
    PageClient.Page cost = desk.browser().post("/coop/book/costs", form("csrf", csrf, "category", "TRANSPORT",
        "amount", "1,250.50", "paidFrom", "BANK", "date", augustDay(), "note", "运葡萄到县城"));
    PageClient.Page income = desk.browser().post("/coop/book/income", form("csrf", csrf, "category", "PV_GRID",
        "amount", "8000", "into", "BANK", "date", augustDay(), "note", ""));

    assertThat(labour.location()).isEqualTo("/coop/book?done=labour#done");
    assertThat(cost.location()).isEqualTo("/coop/book?done=cost#done");
    assertThat(income.location()).isEqualTo("/coop/book?done=income#done");
    var db = server.server().database().dsl();
    long coop = Long.parseLong(desk.market().coop);
    var labourRow = db.selectFrom(LABOR_RECORD).where(LABOR_RECORD.COOPERATIVE_ID.eq(coop)).fetchSingle();
    assertThat(labourRow.getDays()).isEqualByComparingTo("1.5");
    assertThat(labourRow.getWageFen()).isEqualTo(18_000);
    assertThat(labourRow.getHouseholdId()).isEqualTo(Long.parseLong(desk.li()));
    var costRow = db.selectFrom(COST_RECORD).where(COST_RECORD.COOPERATIVE_ID.eq(coop)).fetchSingle();
    assertThat(costRow.getAmountFen()).isEqualTo(125_050);
    assertThat(costRow.getCategory()).isEqualTo("TRANSPORT");
    assertThat(costRow.getLedgerEntryId()).isNotNull();
    var incomeRow = db.selectFrom(COOPERATIVE_INCOME).where(COOPERATIVE_INCOME.COOPERATIVE_ID.eq(coop)).fetchSingle();
    assertThat(incomeRow.getAmountFen()).isEqualTo(800_000);
    assertThat(incomeRow.getCategory()).isEqualTo("PV_GRID");
    assertThat(desk.browser().get(cost.location()).html().selectFirst(".ok").text()).isEqualTo("费用已记账。");
  }

  @Test
  void the_member_is_paid_for_its_grapes_no_more_than_owed_and_its_capital_shows_on_its_account() {
    Desk desk = desk("书页葡萄九");
    String csrf = desk.csrf();
    desk.browser().post("/coop/book/deliveries", grapes(csrf, desk.zhang(), "3600"));

    PageClient.Page tooMuch = desk.browser().post("/coop/book/payments", form("csrf", csrf, "payable", "MEMBER_CURRENT",
        "member", desk.zhang(), "amount", "4000", "from", "BANK", "date", augustDay(), "note", ""));
    PageClient.Page paid = desk.browser().post("/coop/book/payments", form("csrf", csrf, "payable", "MEMBER_CURRENT",
        "member", desk.zhang(), "amount", "3,600.00", "from", "BANK", "date", augustDay(), "note", "葡萄款"));
    // wages: the member picked on the form is not sent; the cooperative owes no wages, so nothing is paid
    PageClient.Page noWages = desk.browser().post("/coop/book/payments", form("csrf", csrf, "payable", "WAGES",
        "member", desk.zhang(), "amount", "100", "from", "CASH", "date", augustDay(), "note", ""));
    PageClient.Page capital = desk.browser().post("/coop/book/contributions", form("csrf", csrf, "member", desk.li(),
        "kind", "CAPITAL", "amount", "5000", "date", augustDay()));

    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(tooMuch.html().selectFirst("#payment-form .error").text()).isEqualTo("付的比合作社欠的多，请核对金额。");
    assertThat(tooMuch.html().selectFirst("#payment-amount").val()).isEqualTo("4000");
    assertThat(paid.location()).isEqualTo("/coop/book?done=payment#done");
    assertThat(noWages.status()).isEqualTo(409);
    assertThat(capital.location()).isEqualTo("/coop/book?done=contribution#done");
    var payments = server.server().database().dsl().selectFrom(BOOK_PAYMENT)
        .where(BOOK_PAYMENT.COOPERATIVE_ID.eq(Long.parseLong(desk.market().coop))).fetch();
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).getAmountFen()).isEqualTo(360_000);
    assertThat(payments.get(0).getHouseholdId()).isEqualTo(Long.parseLong(desk.zhang()));
    assertThat(server.http.get("/api/v1/cooperatives/" + desk.market().coop + "/members/" + desk.li() + "/account?year="
        + server.today().getYear(), desk.market().coopToken).expect(200).body().getLong("shareCapitalFen"))
        .isEqualTo(500_000);
    assertThat(desk.browser().get("/coop/members/" + desk.li()).html().selectFirst("#share-capital").text())
        .isEqualTo("5,000.00 元");
  }

  private static Map<String, String> joining(String csrf, String name, String idNumber) {
    return form("csrf", csrf, "name", name, "idNumber", idNumber, "people", "3", "capacity", "FULL",
        "shareClass", "LAND", "units", "2.5", "since", server.today().withDayOfYear(1).toString());
  }

  @Test
  void a_person_joins_by_name_and_identity_number_whether_the_county_registered_it_or_not() {
    Desk desk = desk("书页葡萄八");
    String csrf = desk.csrf();
    String newcomer = Fixtures.idNumber();
    String poorId = Fixtures.idNumber();
    String poor = server.http.post("/api/v1/households", server.adminToken, Fixtures.household("赵大山", poorId))
        .expect(201).body().getString("id");

    PageClient.Page registered = desk.browser().post("/coop/book/members", joining(csrf, "王小梅", newcomer));
    PageClient.Page wrongName = desk.browser().post("/coop/book/members", joining(csrf, "赵大川", poorId));
    PageClient.Page known = desk.browser().post("/coop/book/members", joining(csrf, "赵大山", poorId));
    PageClient.Page again = desk.browser().post("/coop/book/members", joining(csrf, "张秀英", desk.zhangId()));
    PageClient.Page badNumber = desk.browser().post("/coop/book/members", joining(csrf, "孙一", "45012319750101"));
    String elsewhereId = Fixtures.idNumber();
    server.http.post("/api/v1/households", server.adminToken, Fixtures.household("钱多多", elsewhereId)
        .put("regionCode", "440103000000")).expect(201);
    PageClient.Page otherCounty = desk.browser().post("/coop/book/members", joining(csrf, "钱多多", elsewhereId));
    Map<String, String> noUnits = joining(csrf, "孙二", Fixtures.idNumber());
    noUnits.put("units", "");
    PageClient.Page missingUnits = desk.browser().post("/coop/book/members", noUnits);

    assertThat(registered.status()).isEqualTo(303);
    assertThat(registered.location()).isEqualTo("/coop/book?done=join#done");
    assertThat(wrongName.status()).isEqualTo(400);
    assertThat(wrongName.html().selectFirst("#join-form .error").text())
        .isEqualTo("这个身份证号已经登记过，登记的姓名不是这个。请核对姓名和身份证号。");
    assertThat(wrongName.html().selectFirst("#join-name").val()).isEqualTo("赵大川");
    assertThat(known.status()).isEqualTo(303);
    assertThat(again.html().selectFirst("#join-form .error").text()).isEqualTo("这户已经是本社成员了。");
    assertThat(badNumber.html().selectFirst("#join-form .error").text())
        .isEqualTo("身份证号不对（应当是 18 位，最后一位可以是 X）。");
    assertThat(otherCounty.html().selectFirst("#join-form .error").text())
        .isEqualTo("这户登记在别的县，本社只能吸收本县的农户。");
    assertThat(missingUnits.html().selectFirst("#join-form .error").text())
        .startsWith("请填写入股的数量");
    PageClient.Page page = desk.browser().get("/coop/book");
    assertThat(page.html().select("section.member h3")).extracting(Element::ownText)
        .containsExactlyInAnyOrder("张秀英", "李建国", "王小梅", "赵大山");
    Element poorCard = page.html().selectFirst("section.member[data-member=" + poor + "]");
    assertThat(poorCard.text()).contains("土地入股 2.5 亩");
    var members = server.http.get("/api/v1/cooperatives/" + desk.market().coop + "/members?limit=50",
        desk.market().coopToken).expect(200).body().getJsonArray("items");
    assertThat(members).hasSize(4);
    // the poor household kept its registration (and status): it was found, not registered again
    assertThat(server.http.get("/api/v1/households/" + poor, server.adminToken).expect(200).body()
        .getString("status")).isEqualTo("REGISTERED_POOR");
  }

  private static String csv(String... rows) {
    return "\uFEFF姓名,身份证号,品名,数量,单位,金额（元）,交售日期\r\n" + String.join("\r\n", rows) + "\r\n";
  }

  @Test
  void a_season_uploaded_as_csv_is_booked_row_by_row_in_one_go() {
    Desk desk = desk("书页葡萄五");
    String year = Integer.toString(server.today().getYear());
    byte[] file = csv("张秀英," + desk.zhangId() + ",葡萄,300,公斤,\"3,600.00\"," + year + "/8/20",
        "李建国," + desk.liId() + ",葡萄,150.5,公斤,1806," + year + "-08-21",
        "张秀英," + desk.zhangId() + ",葡萄,100,KG,1200.00," + year + "年9月1日").getBytes(StandardCharsets.UTF_8);

    PageClient.Page uploaded = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file",
        "交售.csv", file);

    assertThat(uploaded.status()).isEqualTo(303);
    assertThat(uploaded.location()).isEqualTo("/coop/book?done=upload&n=3#done");
    assertThat(desk.trade(desk.zhang())).isEqualTo(480_000);
    assertThat(desk.trade(desk.li())).isEqualTo(180_600);
    assertThat(desk.browser().get(uploaded.location()).html().selectFirst(".ok").text())
        .isEqualTo("文件里的 3 笔交售都已记账。");
  }

  @Test
  void a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column() {
    Desk desk = desk("书页葡萄六");
    String day = augustDay();
    String good = "张秀英," + desk.zhangId() + ",葡萄,300,公斤,3600," + day;

    PageClient.Page badQuantity = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "a.csv",
        csv(good, "李建国," + desk.liId() + ",葡萄,三百,公斤,3600," + day).getBytes(StandardCharsets.UTF_8));
    String stranger = Fixtures.idNumber();
    PageClient.Page notMember = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "a.csv",
        csv(good, good, "王小二," + stranger + ",葡萄,10,公斤,120," + day).getBytes(StandardCharsets.UTF_8));
    PageClient.Page wrongName = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "a.csv",
        csv("李建军," + desk.liId() + ",葡萄,300,公斤,3600," + day).getBytes(StandardCharsets.UTF_8));
    PageClient.Page future = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "a.csv",
        csv(good, "李建国," + desk.liId() + ",葡萄,300,公斤,3600," + server.today().plusDays(2))
            .getBytes(StandardCharsets.UTF_8));
    PageClient.Page noHeading = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "a.csv",
        (good + "\r\n").getBytes(StandardCharsets.UTF_8));
    PageClient.Page word = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "a.docx",
        new byte[] {1, 2, 3});

    assertThat(badQuantity.status()).isEqualTo(400);
    assertThat(badQuantity.html().selectFirst("#upload-error").text())
        .isEqualTo("表格第 3 行“数量”：数量要大于 0，最多三位小数。 整个文件都没有记账，请改好后重新上传。");
    assertThat(notMember.html().selectFirst("#upload-error").text()).startsWith("表格第 4 行“身份证号”：身份证号 ")
        .contains("不是本社成员").doesNotContain(stranger);
    assertThat(wrongName.html().selectFirst("#upload-error").text())
        .startsWith("表格第 2 行“姓名”：姓名和身份证号对不上（成员名册上是 李*国）。");
    assertThat(future.html().selectFirst("#upload-error").text()).startsWith("表格第 3 行“交售日期”：日期不能晚于今天。");
    assertThat(noHeading.html().selectFirst("#upload-error").text()).startsWith("第 1 行标题里缺少“姓名”这一列。");
    assertThat(word.html().selectFirst("#upload-error").text()).startsWith("请上传 .csv 或 .xlsx 文件");
    // the good rows before each bad one were not booked either
    assertThat(desk.trade(desk.zhang())).isZero();
    assertThat(desk.trade(desk.li())).isZero();
  }

  @Test
  void a_season_uploaded_as_xlsx_reads_date_cells_and_amounts_as_stored() throws Exception {
    Desk desk = desk("书页葡萄七");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Sheet sheet = book.createSheet("交售");
      String[] heading = {"交售日期", "姓名", "身份证号", "品名", "数量", "单位", "金额（元）"};
      Row top = sheet.createRow(0);
      for (int c = 0; c < heading.length; c++) {
        top.createCell(c).setCellValue(heading[c]);
      }
      CellStyle date = book.createCellStyle();
      date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
      CellStyle money = book.createCellStyle();
      money.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
      Row row = sheet.createRow(1);
      row.createCell(0).setCellValue(LocalDate.parse(augustDay()));
      row.getCell(0).setCellStyle(date);
      row.createCell(1).setCellValue("李建国");
      row.createCell(2).setCellValue(desk.liId());
      row.createCell(3).setCellValue("葡萄");
      row.createCell(4).setCellValue(300);
      row.createCell(5).setCellValue("公斤");
      row.createCell(6).setCellValue(3600.5);
      row.getCell(6).setCellStyle(money);
      book.write(bytes);
    }

    PageClient.Page uploaded = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "交售.xlsx",
        bytes.toByteArray());

    assertThat(uploaded.status()).isEqualTo(303);
    assertThat(desk.trade(desk.li())).isEqualTo(360_050);
  }

  /**
   * The blank sheet from beside the upload: its headings are what the reader wants, 身份证号 is a text column
   * (an 18-digit number typed into a general column becomes 5.22626E+17), 单位 a drop-down; filled in as an
   * accountant would (a date cell, a number) and uploaded, its row is booked.
   */
  @Test
  void the_blank_sheet_downloaded_beside_the_upload_comes_back_filled_in_and_is_booked() throws Exception {
    Desk desk = desk("书页葡萄八");
    var download = desk.browser().bytes("/coop/book/deliveries-template.xlsx");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue(cn.bangfu.platform.SheetWriter.CONTENT_TYPE);
    ByteArrayOutputStream filled = new ByteArrayOutputStream();
    try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(download.body()))) {
      Sheet sheet = book.getSheetAt(0);
      List<String> headings = new ArrayList<>();
      sheet.getRow(0).forEach(cell -> headings.add(cell.getStringCellValue()));
      assertThat(headings).containsExactly("姓名", "身份证号", "品名", "数量", "单位", "金额（元）", "交售日期");
      assertThat(sheet.getColumnStyle(1).getDataFormatString()).isEqualTo("@");
      assertThat(sheet.getDataValidations()).singleElement().satisfies(v ->
          assertThat(v.getValidationConstraint().getExplicitListValues()).contains("公斤", "斤"));
      assertThat(book.getSheet("填写说明")).isNotNull();
      Row row = sheet.createRow(1);
      row.createCell(0).setCellValue("李建国");
      row.createCell(1).setCellValue(desk.liId());
      row.getCell(1).setCellStyle(sheet.getColumnStyle(1));
      row.createCell(2).setCellValue("葡萄");
      row.createCell(3).setCellValue(250);
      row.createCell(4).setCellValue("公斤");
      row.createCell(5).setCellValue(3000);
      row.createCell(6).setCellValue(LocalDate.parse(augustDay()));
      row.getCell(6).setCellStyle(sheet.getColumnStyle(6));
      book.write(filled);
    }

    PageClient.Page uploaded = desk.browser().upload("/coop/book/deliveries/upload", desk.csrf(), "file", "交售表.xlsx",
        filled.toByteArray());

    assertThat(uploaded.status()).isEqualTo(303);
    assertThat(desk.trade(desk.li())).isEqualTo(300_000);
    assertThat(desk.browser().get("/coop/book").html().selectFirst("#upload-template").attr("href"))
        .isEqualTo("/coop/book/deliveries-template.xlsx");
  }

  private static int rows(Desk desk, String what) {
    var db = server.server().database().dsl();
    long coop = Long.parseLong(desk.market().coop);
    return what.equals("labour") ? db.fetchCount(LABOR_RECORD, LABOR_RECORD.COOPERATIVE_ID.eq(coop))
        : db.fetchCount(COST_RECORD, COST_RECORD.COOPERATIVE_ID.eq(coop));
  }
}
