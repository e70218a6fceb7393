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
}
