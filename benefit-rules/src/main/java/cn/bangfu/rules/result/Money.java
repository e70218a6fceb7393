package cn.bangfu.rules.result;

/** Formats fen as yuan for explanations; text only, never used for arithmetic. */
public final class Money {
    private Money() {
    }

    /** 1234567 → "12,345.67". */
    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + String.format("%,d.%02d", abs / 100, abs % 100);
    }
}
