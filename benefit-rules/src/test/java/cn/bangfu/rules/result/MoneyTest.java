package cn.bangfu.rules.result;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void fen_are_shown_as_yuan_with_thousands_separators() {
        assertThat(Money.yuan(1_234_567)).isEqualTo("12,345.67");
        assertThat(Money.yuan(105_429)).isEqualTo("1,054.29");
        assertThat(Money.yuan(5)).isEqualTo("0.05");
        assertThat(Money.yuan(100_000_000)).isEqualTo("1,000,000.00");
        assertThat(Money.yuan(-1_200)).isEqualTo("-12.00");
    }

    @Test
    void files_get_the_same_figure_without_separators_so_a_spreadsheet_reads_a_number() {
        assertThat(Money.plainYuan(105_429)).isEqualTo("1054.29");
        assertThat(Money.plainYuan(123_456_789)).isEqualTo("1234567.89");
        assertThat(Money.plainYuan(-1_200)).isEqualTo("-12.00");
        assertThat(Money.plainYuan(0)).isEqualTo("0.00");
        assertThat(Money.plainYuan(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08");
        assertThat(Money.yuan(Long.MIN_VALUE)).isEqualTo("-92,233,720,368,547,758.08");
    }

    @Property
    void the_hand_built_text_matches_the_formatter(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long fen) {
        long abs = Math.abs(fen);
        String expected = (fen < 0 ? "-" : "") + String.format(java.util.Locale.ROOT, "%,d.%02d", abs / 100, abs % 100);
        assertThat(Money.yuan(fen)).isEqualTo(expected);
    }
}
