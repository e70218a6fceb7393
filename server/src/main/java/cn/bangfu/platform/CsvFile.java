package cn.bangfu.platform;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A CSV file for people's spreadsheets (the publicity notice, the bank's payout batch): UTF-8 with a
 * BOM so spreadsheet programs open the Chinese text, CRLF rows, RFC 4180 quoting by Jackson's CSV
 * writer (issue 18 point 6: a well-kept writer instead of hand-made quoting). Every text cell is
 * quoted (headings and yuan figures too: a spreadsheet still reads "1054.29" as a number) and
 * guarded against formula injection; whole numbers (ids, fen) go out bare.
 */
public final class CsvFile {
  private static final byte[] BOM = "\uFEFF".getBytes(StandardCharsets.UTF_8);
  private static final CsvFactory FACTORY = CsvFactory.builder()
      .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
      .enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
      .build();
  private static final Pattern FIGURE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
  private final CsvGenerator out;

  public CsvFile() {
    try {
      bytes.write(BOM);
      out = (CsvGenerator) FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
      out.setSchema(ROWS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One row: a String is quoted text (null an empty one), a Long or Integer goes out bare. */
  public CsvFile row(Object... cells) {
    try {
      out.writeStartArray();
      for (Object cell : cells) {
        if (cell == null) {
          out.writeString(""); // Jackson's writeNull drops the cell in a row without a schema
        } else if (cell instanceof String text) {
          out.writeString(guarded(text));
        } else if (cell instanceof Long n) {
          out.writeNumber(n);
        } else if (cell instanceof Integer n) {
          out.writeNumber(n);
        } else {
          throw new IllegalArgumentException("no CSV cell for " + cell.getClass());
        }
      }
      out.writeEndArray();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Buffer toBuffer() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  /**
   * A leading ' keeps a spreadsheet from running text that starts with = + - @ as a formula. A plain
   * figure ("-12.00", a negative yuan amount) is no formula and stays a figure.
   */
  static String guarded(String value) {
    return value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 || FIGURE.matcher(value).matches()
        ? value : "'" + value;
  }
}
