package cn.bangfu.book;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * The statements as .xlsx workbooks a village accountant opens in Excel or WPS, written with Apache
 * POI (streaming, so a member sheet of 150,000 rows stays in little memory). Headings are Chinese;
 * amounts are numeric cells in 元 with two decimals (format #,##0.00), so the sheet can be summed.
 * A spreadsheet number is a binary double: the value written is the exact decimal fen / 100, which
 * reads back to the same fen when rounded to two decimals.
 */
public final class StatementWorkbook {
  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private StatementWorkbook() {
  }

  public static byte[] balanceSheet(BookStatements.BalanceSheet s) {
    return write(book -> {
      Sheet sheet = book.sheet("资产负债表");
      book.title(sheet, "资产负债表", s.cooperativeName() + "　" + s.date() + "　单位：元");
      book.header(sheet, "项目", "科目编码", "金额");
      book.section(sheet, "资产", s.assets());
      book.total(sheet, "资产总计", s.totalAssetsFen());
      book.section(sheet, "负债", s.liabilities());
      book.section(sheet, "所有者权益", s.equity());
      book.total(sheet, "负债和所有者权益总计", s.totalLiabilitiesAndEquityFen());
    });
  }

  public static byte[] surplus(BookStatements.SurplusStatement s) {
    return write(book -> {
      Sheet sheet = book.sheet("盈余及盈余分配表");
      book.title(sheet, "盈余及盈余分配表", s.cooperativeName() + "　" + s.year() + "年度　单位：元");
      book.header(sheet, "项目", "科目编码", "金额");
      book.section(sheet, "本年收入", s.income());
      book.total(sheet, "收入合计", s.revenueFen());
      book.section(sheet, "本年支出", s.costs());
      book.total(sheet, "支出合计", s.costFen());
      book.total(sheet, "本年盈余", s.surplusFen());
      book.total(sheet, "加：年初未分配盈余", s.openingUndistributedFen());
      book.total(sheet, "可分配盈余", s.distributableFen());
      book.total(sheet, "减：提取盈余公积", s.providentFundFen());
      book.total(sheet, "盈余返还（按交易量）", s.rebateFen());
      book.total(sheet, "剩余盈余分配", s.dividendFen());
      book.total(sheet, "分配给村集体及经营者（应付款）", s.payableFen());
      book.total(sheet, "保底收益欠付（成员往来）", s.guaranteeOwedFen());
      book.total(sheet, "本年分配合计", s.distributedFen());
      book.total(sheet, "年末未分配盈余", s.undistributedFen());
    });
  }

  public static byte[] memberEquity(BookStatements.MemberEquityStatement s) {
    return memberEquity(s, null);
  }

  /**
   * The statement with its members named by {@code names} (household id → name) where the reader knows
   * them (the cooperative's own accountant, on its page); by household number otherwise (the API).
   */
  public static byte[] memberEquity(BookStatements.MemberEquityStatement s, java.util.Map<Long, String> names) {
    return write(book -> {
      Sheet sheet = book.sheet("成员权益变动表");
      book.title(sheet, "成员权益变动表", s.cooperativeName() + "　" + s.year() + "年度　单位：元");
      List<BookStatements.EquityColumn> columns = s.columns();
      String[] headings = new String[columns.size() + 2];
      headings[0] = "项目";
      for (int i = 0; i < columns.size(); i++) {
        headings[i + 1] = columns.get(i).name();
      }
      headings[headings.length - 1] = "合计";
      book.header(sheet, headings);
      book.equityRow(sheet, "年初余额", columns.stream().mapToLong(BookStatements.EquityColumn::openingFen).toArray());
      book.equityRow(sheet, "本年增加数", columns.stream().mapToLong(BookStatements.EquityColumn::increaseFen).toArray());
      book.equityRow(sheet, "本年减少数", columns.stream().mapToLong(BookStatements.EquityColumn::decreaseFen).toArray());
      book.equityRow(sheet, "年末余额", columns.stream().mapToLong(BookStatements.EquityColumn::closingFen).toArray());

      Sheet members = book.sheet("成员账户");
      book.title(members, "成员账户明细", s.cooperativeName() + "　" + s.year() + "年度　单位：元");
      book.header(members, names == null ? "成员（户编号）" : "成员", "年初股金", "年末股金", "量化专项基金", "本年盈余返还", "本年剩余盈余",
          "本年已支付", "年末应付未付", "量化公积金份额");
      for (BookStatements.MemberEquity m : s.members()) {
        Row row = members.createRow(book.nextRow(members));
        String id = Long.toString(m.householdId());
        row.createCell(0).setCellValue(names == null ? id : names.getOrDefault(m.householdId(), id));
        long[] amounts = {m.shareCapitalOpeningFen(), m.shareCapitalClosingFen(), m.quantifiedFundFen(),
            m.rebatesFen(), m.dividendsFen(), m.paidFen(), m.owedFen(), m.providentFundShareFen()};
        for (int i = 0; i < amounts.length; i++) {
          book.amount(row, i + 1, amounts[i]);
        }
      }
    });
  }

  private interface Content {
    void fill(Book book);
  }

  private static byte[] write(Content content) {
    try (SXSSFWorkbook workbook = new FastWorkbook()) {
      content.fill(new Book(workbook));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A streaming workbook zipped at deflate level 1, its sheets written through an unsynchronized writer.
   * The member sheet of a 150,000-member cooperative is some 60 MB of XML: deflating it at the default
   * level was most of the time its .xlsx took (issue 13); level 1 makes a file a little larger that Excel
   * and WPS open the same. POI writes each cell in some twenty pieces, and java.io.BufferedWriter takes a
   * lock for each (no biased locking since Java 15): POI's own writer took 0.64 s for that sheet's rows,
   * {@link SheetWriter} 0.36 s (1.3 million cells, measured side by side).
   */
  private static final class FastWorkbook extends SXSSFWorkbook {
    FastWorkbook() {
      super(200);
    }

    @Override
    protected org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream createArchiveOutputStream(
        java.io.OutputStream stream) {
      var zip = super.createArchiveOutputStream(stream);
      zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
      return zip;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
      return new SheetDataWriter() {
        // POI's extension point for the temporary file's writer (called from its constructor)
        @Override
        public Writer createWriter(File file) throws IOException {
          return new SheetWriter(new FileOutputStream(file));
        }
      };
    }
  }

  /**
   * A Writer of UTF-8 with its own buffer and no lock: one sheet is written by one thread. Characters are
   * encoded a buffer at a time; a surrogate pair split by the buffer's end waits for its second half.
   */
  static final class SheetWriter extends Writer {
    private final OutputStream out;
    private final char[] chars = new char[1 << 16];
    private final ByteBuffer bytes = ByteBuffer.allocate(3 << 16); // UTF-8 takes at most 3 bytes per char
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private int length;

    SheetWriter(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
      if (length == chars.length) {
        encode(false);
      }
      chars[length++] = (char) c;
    }

    @Override
    public void write(String s) throws IOException {
      write(s, 0, s.length());
    }

    @Override
    public void write(String s, int offset, int count) throws IOException {
      while (count > 0) {
        if (length == chars.length) {
          encode(false);
        }
        int n = Math.min(count, chars.length - length);
        s.getChars(offset, offset + n, chars, length);
        length += n;
        offset += n;
        count -= n;
      }
    }

    @Override
    public void write(char[] c, int offset, int count) throws IOException {
      while (count > 0) {
        if (length == chars.length) {
          encode(false);
        }
        int n = Math.min(count, chars.length - length);
        System.arraycopy(c, offset, chars, length, n);
        length += n;
        offset += n;
        count -= n;
      }
    }

    private void encode(boolean endOfInput) throws IOException {
      CharBuffer pending = CharBuffer.wrap(chars, 0, length);
      bytes.clear();
      utf8.encode(pending, bytes, endOfInput);
      if (endOfInput) {
        utf8.flush(bytes);
      }
      out.write(bytes.array(), 0, bytes.position());
      length = pending.remaining();
      System.arraycopy(chars, pending.position(), chars, 0, length);
    }

    @Override
    public void flush() throws IOException {
      encode(false);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      encode(true);
      utf8.reset();
      out.close();
    }
  }

  /** The workbook with its two styles: bold headings and 元 amounts. */
  private static final class Book {
    private final Workbook workbook;
    private final CellStyle bold;
    private final CellStyle money;
    private final CellStyle boldMoney;
    private final java.util.Map<Sheet, Integer> rows = new java.util.HashMap<>();

    Book(Workbook workbook) {
      this.workbook = workbook;
      Font font = workbook.createFont();
      font.setBold(true);
      bold = workbook.createCellStyle();
      bold.setFont(font);
      short format = workbook.createDataFormat().getFormat("#,##0.00");
      money = workbook.createCellStyle();
      money.setDataFormat(format);
      boldMoney = workbook.createCellStyle();
      boldMoney.setDataFormat(format);
      boldMoney.setFont(font);
    }

    Sheet sheet(String name) {
      SXSSFSheet sheet = (SXSSFSheet) workbook.createSheet(name);
      sheet.setColumnWidth(0, 34 * 256);
      for (int i = 1; i < 9; i++) {
        sheet.setColumnWidth(i, 16 * 256);
      }
      return sheet;
    }

    /** The index of the next row of {@code sheet} (a streamed sheet cannot be asked once rows are flushed). */
    int nextRow(Sheet sheet) {
      return rows.merge(sheet, 1, Integer::sum) - 1;
    }

    void title(Sheet sheet, String title, String subtitle) {
      Row row = sheet.createRow(nextRow(sheet));
      row.createCell(0).setCellValue(title);
      row.getCell(0).setCellStyle(bold);
      sheet.createRow(nextRow(sheet)).createCell(0).setCellValue(subtitle);
    }

    void header(Sheet sheet, String... headings) {
      Row row = sheet.createRow(nextRow(sheet));
      for (int i = 0; i < headings.length; i++) {
        row.createCell(i).setCellValue(headings[i]);
        row.getCell(i).setCellStyle(bold);
      }
    }

    void section(Sheet sheet, String heading, List<BookStatements.Line> lines) {
      Row head = sheet.createRow(nextRow(sheet));
      head.createCell(0).setCellValue(heading);
      head.getCell(0).setCellStyle(bold);
      for (BookStatements.Line line : lines) {
        Row row = sheet.createRow(nextRow(sheet));
        row.createCell(0).setCellValue("　" + line.name());
        row.createCell(1).setCellValue(line.code());
        amount(row, 2, line.amountFen());
      }
    }

    void total(Sheet sheet, String label, long fen) {
      Row row = sheet.createRow(nextRow(sheet));
      row.createCell(0).setCellValue(label);
      row.getCell(0).setCellStyle(bold);
      yuan(row.createCell(2), fen);
      row.getCell(2).setCellStyle(boldMoney);
    }

    void equityRow(Sheet sheet, String label, long[] amounts) {
      Row row = sheet.createRow(nextRow(sheet));
      row.createCell(0).setCellValue(label);
      long total = 0;
      for (int i = 0; i < amounts.length; i++) {
        amount(row, i + 1, amounts[i]);
        total = Math.addExact(total, amounts[i]);
      }
      amount(row, amounts.length + 1, total);
    }

    void amount(Row row, int column, long fen) {
      yuan(row.createCell(column), fen);
      row.getCell(column).setCellStyle(money);
    }

    /**
     * Fen as 元 in a numeric cell: the exact decimal with two places handed to the spreadsheet's only
     * number type at the last moment (no floating point is computed with).
     */
    private static void yuan(org.apache.poi.ss.usermodel.Cell cell, long fen) {
      cell.setCellValue(BigDecimal.valueOf(fen, 2).doubleValue());
    }
  }
}
