package cn.bangfu.buyer;

import cn.bangfu.coop.CoopPage;
import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.platform.SheetWriter;
import cn.bangfu.registry.Unit;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;

/**
 * The year's settled purchases for the buyer's finance office (以购代捐 counts against the reserved share):
 * one row per order with the day paid, seller, product, quantity, amount in 元 and the payment reference,
 * then a 合计 row.
 */
final class PurchasesWorkbook {
  static final List<String> HEADINGS = List.of("结算日期", "订单编号", "供货合作社", "品名", "数量", "金额（元）", "付款凭证号");

  private PurchasesWorkbook() {
  }

  static byte[] of(int year, List<PurchaseOrderRecord> orders, Map<Long, String> cooperatives) {
    try (SheetWriter sheet = new SheetWriter(year + "年采购明细", HEADINGS, i -> i == 2 ? 30 : 16)) {
      long total = 0;
      for (PurchaseOrderRecord o : orders) {
        Row row = sheet.row();
        sheet.text(row, 0, o.getSettledOn().toString());
        sheet.text(row, 1, Long.toString(o.getId())); // text: Excel would round a 19-digit number
        sheet.text(row, 2, cooperatives.getOrDefault(o.getCooperativeId(), ""));
        sheet.text(row, 3, o.getProduct());
        sheet.text(row, 4, cn.bangfu.platform.ChineseText.plainQuantity(o.getAcceptedQuantity() != null ? o.getAcceptedQuantity()
            : o.getQuantity()) + " " + CoopPage.UNITS.get(Unit.valueOf(o.getUnit())));
        sheet.yuan(row, 5, o.getAmountFen());
        sheet.text(row, 6, o.getPaymentRef());
        total += o.getAmountFen();
      }
      Row sum = sheet.row();
      sheet.boldText(sum, 0, "合计");
      sheet.text(sum, 4, orders.size() + " 笔");
      sheet.yuan(sum, 5, total);
      return sheet.bytes();
    }
  }
}
