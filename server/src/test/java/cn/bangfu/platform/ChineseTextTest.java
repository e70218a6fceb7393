package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChineseTextTest {

  @Test
  void amountsAreYuanWithSeparatorsAndDatesAreWrittenTheChineseWay() {
    assertThat(ChineseText.yuan(300_000)).isEqualTo("3,000.00");
    assertThat(ChineseText.yuan(421_200_05)).isEqualTo("421,200.05");
    assertThat(ChineseText.date(LocalDate.of(2026, 12, 2))).isEqualTo("2026年12月2日");
  }

  /** 30000 公斤 of grapes read as 30,000 on a page; a form's input keeps 30000, which it accepts back. */
  @Test
  void quantitiesAreGroupedToReadAndPlainInInputs() {
    assertThat(ChineseText.quantity(new java.math.BigDecimal("30000.000"))).isEqualTo("30,000");
    assertThat(ChineseText.quantity(new java.math.BigDecimal("1234567.125"))).isEqualTo("1,234,567.125");
    assertThat(ChineseText.quantity(new java.math.BigDecimal("150.500"))).isEqualTo("150.5");
    assertThat(ChineseText.quantity(new java.math.BigDecimal("1E+3"))).isEqualTo("1,000");
    assertThat(ChineseText.quantity(null)).isEmpty();
    assertThat(ChineseText.plainQuantity(new java.math.BigDecimal("30000.000"))).isEqualTo("30000");
    assertThat(ChineseText.plainQuantity(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
  }
}
