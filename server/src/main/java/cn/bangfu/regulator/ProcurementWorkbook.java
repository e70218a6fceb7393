package cn.bangfu.regulator;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The region's 采购执行统计 as an .xlsx for the finance and rural-revitalisation desks: one row per budget
 * unit, slowest first, amounts as numeric 元 cells with two decimals, written as in book/StatementWorkbook
 * (the exact integer amount over 100, POI's only numeric cell type; no arithmetic is done on it).
 */
final class ProcurementWorkbook {
  static final List<String> HEADINGS = List.of("预算单位", "预留份额目标（元）", "已采购（元）", "完成比例（%）", "已结算订单");

  private ProcurementWorkbook() {
  }

  static byte[] of(int year, List<JsonObject> buyers) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet(year + "年采购执行");
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      CellStyle yuan = workbook.createCellStyle();
      yuan.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
      Row heading = sheet.createRow(0);
      for (int i = 0; i < HEADINGS.size(); i++) {
        heading.createCell(i).setCellValue(HEADINGS.get(i));
        heading.getCell(i).setCellStyle(bold);
        sheet.setColumnWidth(i, (i == 0 ? 36 : 18) * 256);
      }
      int r = 1;
      for (JsonObject b : buyers) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(b.getString("name"));
        money(row, 1, b.getLong("reservedTargetFen"), yuan);
        money(row, 2, b.getLong("purchasedFen"), yuan);
        Object percent = b.getValue("percentOfTarget");
        if (percent != null) {
          row.createCell(3).setCellValue(new BigDecimal(percent.toString()).doubleValue());
        }
        row.createCell(4).setCellValue(b.getInteger("settledOrders"));
      }
      sheet.createFreezePane(0, 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void money(Row row, int column, long fen, CellStyle style) {
    row.createCell(column).setCellValue(BigDecimal.valueOf(fen, 2).doubleValue());
    row.getCell(column).setCellStyle(style);
  }
}
