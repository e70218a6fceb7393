package cn.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The national check-code standards the registry enforces, against published examples. */
class CheckDigitsTest {

  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B"})
  void given_published_USCCs_when_checked_then_valid(String uscc) {
    assertThat(Uscc.problemWith(uscc)).isNull();
  }

  @Test
  void given_a_USCC_with_one_character_changed_when_checked_then_the_check_code_fails() {
    assertThat(Uscc.problemWith("91350100M000100Y44")).contains("check code");
    assertThat(Uscc.problemWith("91350100M000101Y43")).contains("check code");
  }

  @Test
  void given_a_USCC_with_a_forbidden_letter_or_wrong_length_then_refused() {
    assertThat(Uscc.problemWith("91350100M0001O0Y43")).contains("not allowed"); // letter O
    assertThat(Uscc.problemWith("91350100M000100Y4")).contains("18");
    assertThat(Uscc.problemWith("91AB0100M000100Y43")).contains("region code");
  }

  @Test
  void given_the_GB11643_sample_number_when_checked_then_valid_and_its_neighbour_is_not() {
    // The standard's own example: 11010519491231002X
    assertThat(IdentityNumber.problemWith("11010519491231002X")).isNull();
    assertThat(IdentityNumber.problemWith("110105194912310021")).contains("check digit");
  }

  @Test
  void given_an_impossible_birth_date_then_refused_even_with_a_matching_check_digit() {
    String february30 = IdentityNumber.withCheckDigit("11010519490230002");
    assertThat(IdentityNumber.problemWith(february30)).contains("birth date");
  }

  @Test
  void identity_numbers_are_masked_to_first_four_and_last_four() {
    assertThat(IdentityNumber.mask("51010119800101123X")).isEqualTo("5101**********123X");
  }

  @Test
  void names_are_masked_keeping_family_name_and_last_character() {
    assertThat(Masking.name("张三明")).isEqualTo("张*明");
    assertThat(Masking.name("杨宇")).isEqualTo("杨*");
    assertThat(Masking.name("欧阳振华")).isEqualTo("欧**华");
  }

  @Test
  void region_codes_are_twelve_digits_of_a_real_province() {
    assertThat(RegionCode.problemWith("450123105201")).isNull();
    assertThat(RegionCode.problemWith("45012310520")).contains("12-digit");
    assertThat(RegionCode.problemWith("990123105201")).contains("province");
  }
}
