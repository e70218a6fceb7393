package cn.bangfu.monitoring;

/** Kinds of assistance measure (DESIGN.md 8.3), with their Chinese names for the plain-words alert details. */
public enum AssistanceKind {
  MINIMUM_LIVING("低保"),
  EXTREME_POVERTY("特困供养"),
  TEMPORARY_RELIEF("临时救助"),
  MEDICAL("医疗救助"),
  EDUCATION("教育资助"),
  HOUSING("住房安全"),
  EMPLOYMENT("就业帮扶"),
  INDUSTRY("产业帮扶"),
  OTHER("其他帮扶");

  private final String zh;

  AssistanceKind(String zh) {
    this.zh = zh;
  }

  public String zh() {
    return zh;
  }
}
