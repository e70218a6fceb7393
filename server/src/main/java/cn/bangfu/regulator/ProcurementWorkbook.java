package cn.bangfu.regulator;

import cn.bangfu.platform.SheetWriter;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;

/**
 * The region's 采购执行统计 as an .xlsx for the finance and rural-revitalisation desks: one row per budget
 * unit, slowest first, amounts in 元.
 */
final class ProcurementWorkbook {
  static final List<String> HEADINGS = List.of("预算单位", "预留份额目标（元）", "已采购（元）", "完成比例（%）", "已结算订单");

  private ProcurementWorkbook() {
  }

  static byte[] of(int year, List<JsonObject> buyers) {
    try (SheetWriter sheet = new SheetWriter(year + "年采购执行", HEADINGS, i -> i == 0 ? 36 : 18)) {
      for (JsonObject b : buyers) {
        Row row = sheet.row();
        sheet.text(row, 0, b.getString("name"));
        sheet.yuan(row, 1, b.getLong("reservedTargetFen"));
        sheet.yuan(row, 2, b.getLong("purchasedFen"));
        Object percent = b.getValue("percentOfTarget");
        if (percent != null) {
          row.createCell(3).setCellValue(new BigDecimal(percent.toString()).doubleValue());
        }
        row.createCell(4).setCellValue(b.getInteger("settledOrders"));
      }
      return sheet.bytes();
    }
  }
}
