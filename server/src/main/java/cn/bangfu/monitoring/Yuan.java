package cn.bangfu.monitoring;

/** Fen written as 元 with two decimals for the plain-Chinese alert details (1234567 → "12345.67"). */
final class Yuan {
  private Yuan() {
  }

  static String of(long fen) {
    String sign = fen < 0 ? "-" : "";
    long abs = Math.abs(fen);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
  }
}
