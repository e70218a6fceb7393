package cn.bangfu.buyer;

import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The year's settled purchases for the buyer's finance office (以购代捐 counts against the reserved share):
 * one row per order with the day paid, seller, product, quantity, amount in 元 (numeric cells with two
 * decimals, written as book/StatementWorkbook does) and the payment reference, then a 合计 row.
 */
final class PurchasesWorkbook {
  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final List<String> HEADINGS = List.of("结算日期", "订单编号", "供货合作社", "品名", "数量", "金额（元）", "付款凭证号");

  private PurchasesWorkbook() {
  }

  static byte[] of(int year, List<PurchaseOrderRecord> orders, Map<Long, String> cooperatives) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet(year + "年采购明细");
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
        sheet.setColumnWidth(i, (i == 2 ? 30 : 16) * 256);
      }
      int r = 1;
      long total = 0;
      for (PurchaseOrderRecord o : orders) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(o.getSettledOn().toString());
        row.createCell(1).setCellValue(Long.toString(o.getId())); // text: Excel would round a 19-digit number
        row.createCell(2).setCellValue(cooperatives.getOrDefault(o.getCooperativeId(), ""));
        row.createCell(3).setCellValue(o.getProduct());
        row.createCell(4).setCellValue(BuyerPage.quantity(o.getAcceptedQuantity() != null ? o.getAcceptedQuantity()
            : o.getQuantity()) + " " + cn.bangfu.coop.CoopPage.UNITS.get(cn.bangfu.registry.Unit.valueOf(o.getUnit())));
        yuanCell(row, 5, o.getAmountFen(), yuan);
        row.createCell(6).setCellValue(o.getPaymentRef() == null ? "" : o.getPaymentRef());
        total += o.getAmountFen();
      }
      Row sum = sheet.createRow(r);
      sum.createCell(0).setCellValue("合计");
      sum.getCell(0).setCellStyle(bold);
      sum.createCell(4).setCellValue(orders.size() + " 笔");
      yuanCell(sum, 5, total, yuan);
      sheet.createFreezePane(0, 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void yuanCell(Row row, int column, long fen, CellStyle style) {
    row.createCell(column).setCellValue(BigDecimal.valueOf(fen, 2).doubleValue());
    row.getCell(column).setCellStyle(style);
  }
}
