package cn.bangfu.rules.result;

/** Formats fen as yuan for explanations; text only, never used for arithmetic. */
public final class Money {
    private Money() {
    }

    /**
     * 1234567 → "12,345.67". Built by hand: a county run formats hundreds of thousands of amounts and
     * {@code String.format("%,d")} was most of a draft's time.
     */
    public static String yuan(long fen) {
        long abs = Math.abs(fen);
        String digits = Long.toString(abs / 100);
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 5);
        if (fen < 0) {
            out.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        long cents = abs % 100;
        return out.append('.').append(cents < 10 ? "0" : "").append(cents).toString();
    }
}
