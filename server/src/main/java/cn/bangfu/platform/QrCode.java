package cn.bangfu.platform;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as inline SVG (issue 15: the printed notice carries a code of its own address). ZXing
 * computes the modules; the SVG is one path of unit squares, a few kilobytes, so the page needs no
 * image library, no image request and no script. Plumbing only: what the code says is the caller's.
 */
public final class QrCode {
  /** The white border a reader needs around the code, in modules (the standard asks for 4). */
  public static final int QUIET_ZONE = 4;

  private QrCode() {
  }

  /**
   * The modules of {@code text}, without border. Error correction M: a printed notice on a village
   * board gets creased and stained, and M still reads with 15 % of it damaged.
   */
  public static BitMatrix matrix(String text) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
          EncodeHintType.CHARACTER_SET, "UTF-8",
          EncodeHintType.MARGIN, 0));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as QR code: " + text, e);
    }
  }

  /**
   * {@code <svg>} of the code with its quiet zone, black on white, scaled by CSS. Presentation
   * attributes only (no style attribute): the Content-Security-Policy allows no inline style.
   */
  public static String svg(String text, String label) {
    BitMatrix m = matrix(text);
    int size = m.getWidth() + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder(m.getWidth() * m.getHeight());
    for (int y = 0; y < m.getHeight(); y++) {
      int x = 0;
      while (x < m.getWidth()) {
        if (!m.get(x, y)) {
          x++;
          continue;
        }
        // one rectangle per horizontal run of dark modules keeps the path a few kilobytes
        int start = x;
        while (x < m.getWidth() && m.get(x, y)) {
          x++;
        }
        path.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
            .append('h').append(x - start).append("v1h-").append(x - start).append('z');
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" role=\"img\" aria-label=\"" + escape(label) + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
