package cn.bangfu.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * One sheet of an .xlsx for a desk (finance office, county bureau): bold Chinese headings frozen at the
 * top, then rows; 元 as numeric cells with two decimals and separators, written as the exact integer
 * amount over 100 (POI's only numeric cell type; no arithmetic is done on it), so WPS and Excel can sum them.
 */
public final class SheetWriter implements AutoCloseable {
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final XSSFWorkbook workbook = new XSSFWorkbook();
  private final Sheet sheet;
  private final CellStyle bold;
  private final CellStyle yuan;
  private int next = 1;

  /** A sheet named {@code name} with {@code headings}; column i is {@code width(i)} characters wide. */
  public SheetWriter(String name, List<String> headings, IntUnaryOperator width) {
    sheet = workbook.createSheet(name);
    bold = workbook.createCellStyle();
    Font font = workbook.createFont();
    font.setBold(true);
    bold.setFont(font);
    yuan = workbook.createCellStyle();
    yuan.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
    Row heading = sheet.createRow(0);
    for (int i = 0; i < headings.size(); i++) {
      heading.createCell(i).setCellValue(headings.get(i));
      heading.getCell(i).setCellStyle(bold);
      sheet.setColumnWidth(i, width.applyAsInt(i) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  /** The next row under the last one. */
  public Row row() {
    return sheet.createRow(next++);
  }

  public void text(Row row, int column, String value) {
    row.createCell(column).setCellValue(value == null ? "" : value);
  }

  public void boldText(Row row, int column, String value) {
    text(row, column, value);
    row.getCell(column).setCellStyle(bold);
  }

  public void yuan(Row row, int column, long fen) {
    row.createCell(column).setCellValue(BigDecimal.valueOf(fen, 2).doubleValue());
    row.getCell(column).setCellStyle(yuan);
  }

  /**
   * Cells typed later into {@code column} take {@code format}: "@" keeps an 18-digit 身份证号 as text
   * (Excel would otherwise show 5.22626E+17 and drop its last digits), "yyyy-mm-dd" a date, "#,##0.00" 元.
   */
  public void columnFormat(int column, String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.createDataFormat().getFormat(format));
    sheet.setDefaultColumnStyle(column, style);
  }

  /** Rows 2..{@code rows}+1 of {@code column} offer {@code choices} as a drop-down list and take nothing else. */
  public void choices(int column, int rows, List<String> choices) {
    org.apache.poi.ss.usermodel.DataValidationHelper helper = sheet.getDataValidationHelper();
    org.apache.poi.ss.usermodel.DataValidation validation = helper.createValidation(
        helper.createExplicitListConstraint(choices.toArray(String[]::new)),
        new org.apache.poi.ss.util.CellRangeAddressList(1, rows, column, column));
    validation.setShowErrorBox(true);
    sheet.addValidationData(validation);
  }

  /** Another sheet of plain lines (how to fill the first one in), one per row in column A. */
  public void notes(String name, List<String> lines) {
    Sheet notes = workbook.createSheet(name);
    notes.setColumnWidth(0, 100 * 256);
    for (int i = 0; i < lines.size(); i++) {
      notes.createRow(i).createCell(0).setCellValue(lines.get(i));
    }
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      workbook.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    try {
      workbook.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
