package cn.bangfu.rules.result;

/**
 * The one fen → yuan text formatter (issue 18 point 6): explanations, notices and files all write
 * yuan through here. Text only, never used for arithmetic.
 */
public final class Money {
    private Money() {
    }

    /**
     * 1234567 → "12,345.67". Built by hand: a county run formats hundreds of thousands of amounts and
     * {@code String.format("%,d")} was most of a draft's time.
     */
    public static String yuan(long fen) {
        return format(fen, true);
    }

    /**
     * 123456789 → "1234567.89": the same figure without thousands separators, for a CSV column a bank
     * or a spreadsheet reads as a number (a separator would make the cell text, or split it).
     */
    public static String plainYuan(long fen) {
        return format(fen, false);
    }

    private static String format(long fen, boolean grouped) {
        // Math.abs(Long.MIN_VALUE) is negative: no real amount is near it, but the text must not lie
        if (fen == Long.MIN_VALUE) {
            return grouped ? "-92,233,720,368,547,758.08" : "-92233720368547758.08";
        }
        long abs = Math.abs(fen);
        String digits = Long.toString(abs / 100);
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 5);
        if (fen < 0) {
            out.append('-');
        }
        int lead = !grouped ? digits.length() : digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        long cents = abs % 100;
        return out.append('.').append(cents < 10 ? "0" : "").append(cents).toString();
    }
}
