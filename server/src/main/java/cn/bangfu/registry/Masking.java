package cn.bangfu.registry;

/** How personal names appear on public pages: 张*明, 杨*, keeping the family name and last character. */
public final class Masking {
  private Masking() {
  }

  public static String name(String name) {
    int length = name.codePointCount(0, name.length());
    if (length <= 1) {
      return "*";
    }
    int firstEnd = name.offsetByCodePoints(0, 1);
    String first = name.substring(0, firstEnd);
    if (length == 2) {
      return first + "*";
    }
    int lastStart = name.offsetByCodePoints(0, length - 1);
    return first + "*".repeat(length - 2) + name.substring(lastStart);
  }
}
