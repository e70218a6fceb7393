package cn.bangfu.coop;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import cn.bangfu.platform.SheetWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * A season's deliveries (交售) as the accountant keeps them in a spreadsheet: a CSV or .xlsx file with a
 * heading row naming the columns {@link #COLUMNS} in any order, one delivery per row. This class only
 * reads the cells into text by column (Jackson's CSV reader, Apache POI for .xlsx: well-kept readers,
 * not hand-made splitting); the page checks each row with the API's own parser and the book writes all
 * rows in one transaction or none. Rows are numbered as the spreadsheet numbers them (the heading is row 1).
 */
public final class DeliverySheet {
  public static final String NAME = "姓名";
  public static final String ID_NUMBER = "身份证号";
  public static final String PRODUCT = "品名";
  public static final String QUANTITY = "数量";
  public static final String UNIT = "单位";
  public static final String VALUE = "金额（元）";
  public static final String DATE = "交售日期";
  public static final List<String> COLUMNS = List.of(NAME, ID_NUMBER, PRODUCT, QUANTITY, UNIT, VALUE, DATE);
  /** More rows than a season of a large cooperative; a bigger file is split by the accountant. */
  public static final int MAX_ROWS = 5_000;

  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);

  private DeliverySheet() {
  }

  /** One data row: its number in the spreadsheet and its cells by column heading. */
  public record Line(int rowNumber, Map<String, String> cells) {
    public String cell(String column) {
      return cells.getOrDefault(column, "");
    }
  }

  /** Why the file as a whole cannot be read, in Chinese for the page. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The blank sheet to fill in (a download beside the upload): the headings {@link #COLUMNS}; 身份证号 kept as
   * text, so Excel does not round an 18-digit number; 单位 a drop-down of {@code units}; dates and 元
   * formatted; and a second sheet saying how to fill it in, with an example. The reader ignores the second sheet.
   */
  public static byte[] template(List<String> units) {
    int[] widths = {10, 22, 10, 10, 8, 12, 14};
    try (SheetWriter sheet = new SheetWriter("交售", COLUMNS, i -> widths[i])) {
      sheet.columnFormat(COLUMNS.indexOf(ID_NUMBER), "@");
      sheet.columnFormat(COLUMNS.indexOf(QUANTITY), "0.###");
      sheet.columnFormat(COLUMNS.indexOf(VALUE), "#,##0.00");
      sheet.columnFormat(COLUMNS.indexOf(DATE), "yyyy-mm-dd");
      sheet.choices(COLUMNS.indexOf(UNIT), MAX_ROWS, units);
      sheet.notes("填写说明", List.of(
          "在“交售”这一页，每一行记一户成员交售的一批产品，第一行标题不要改。",
          "姓名、身份证号：和入社时登记的一样；身份证号 18 位，最后一位可以是 X。",
          "品名：如 葡萄、茶叶。数量：交了多少，可以有小数。单位：从下拉里选，如 公斤、斤。",
          "金额（元）：合作社按收购价应付给这户的钱，如 3600 或 3,600.50。",
          "交售日期：写成 2026-09-15、2026/9/15 或 2026年9月15日 都可以。",
          "例：张秀英 | （她的 18 位身份证号）| 葡萄 | 300 | 公斤 | 3600 | 2026-08-20",
          "只要有一行不对，整个文件都不会记账，页面会告诉您是第几行、哪一列，改好再上传。",
          "一个文件最多 " + MAX_ROWS + " 行。"));
      return sheet.bytes();
    }
  }

  public static List<Line> read(String fileName, byte[] bytes) throws Unreadable {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    List<List<String>> rows;
    if (name.endsWith(".csv")) {
      rows = csvRows(bytes);
    } else if (name.endsWith(".xlsx")) {
      rows = xlsxRows(bytes);
    } else {
      throw new Unreadable("请上传 .csv 或 .xlsx 文件（Excel 或 WPS 可以“另存为”这两种格式）。");
    }
    if (rows.isEmpty()) {
      throw new Unreadable("文件是空的。第一行应当是标题：" + String.join("、", COLUMNS) + "。");
    }
    List<String> heading = rows.get(0).stream().map(DeliverySheet::clean).toList();
    Map<String, Integer> position = new LinkedHashMap<>();
    for (String column : COLUMNS) {
      int at = heading.indexOf(column);
      if (at < 0) {
        throw new Unreadable("第 1 行标题里缺少“" + column + "”这一列。标题应当是：" + String.join("、", COLUMNS) + "。");
      }
      position.put(column, at);
    }
    List<Line> lines = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.stream().allMatch(c -> clean(c).isEmpty())) {
        continue;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      position.forEach((column, at) -> cells.put(column, at < row.size() ? clean(row.get(at)) : ""));
      lines.add(new Line(r + 1, cells));
      if (lines.size() > MAX_ROWS) {
        throw new Unreadable("一个文件最多 " + MAX_ROWS + " 行交售记录，请分成几个文件上传。");
      }
    }
    if (lines.isEmpty()) {
      throw new Unreadable("文件里只有标题，没有交售记录。");
    }
    return lines;
  }

  private static String clean(String cell) {
    // a BOM before the first heading, and spreadsheet padding
    return cell == null ? "" : cell.replace("\uFEFF", "").strip();
  }

  private static List<List<String>> csvRows(byte[] bytes) throws Unreadable {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      throw new Unreadable("文件不是 UTF-8 编码。请在 Excel 或 WPS 里“另存为 CSV UTF-8”，或直接上传 .xlsx 文件。");
    }
    try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(text)) {
      return it.readAll();
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("CSV 文件读不出来，请用 Excel 或 WPS 重新保存后再上传。");
    }
  }

  private static List<List<String>> xlsxRows(byte[] bytes) throws Unreadable {
    try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
      if (book.getNumberOfSheets() == 0) {
        return List.of();
      }
      Sheet sheet = book.getSheetAt(0);
      DataFormatter formatter = new DataFormatter(Locale.ROOT);
      List<List<String>> rows = new ArrayList<>();
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        List<String> cells = new ArrayList<>();
        if (row != null) {
          for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            cells.add(text(row.getCell(c), formatter));
          }
        }
        rows.add(cells);
        if (rows.size() > MAX_ROWS + 2) {
          break;
        }
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      throw new Unreadable(".xlsx 文件打不开，请用 Excel 或 WPS 重新保存后再上传。");
    }
  }

  /**
   * A cell as text: a date cell as 2026-09-15, a number exactly as stored (not as formatted: a cell shown
   * as "3,000.00" is 3000), anything else as the spreadsheet shows it.
   */
  private static String text(Cell cell, DataFormatter formatter) {
    if (cell == null) {
      return "";
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    if (type == CellType.NUMERIC) {
      if (DateUtil.isCellDateFormatted(cell)) {
        LocalDate date = cell.getLocalDateTimeCellValue().toLocalDate();
        return date.format(DateTimeFormatter.ISO_LOCAL_DATE);
      }
      return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
    }
    if (type == CellType.STRING) {
      return cell.getRichStringCellValue().getString();
    }
    return formatter.formatCellValue(cell);
  }
}
