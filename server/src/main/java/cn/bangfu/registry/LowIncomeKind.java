package cn.bangfu.registry;

/**
 * Which kind of low-income household (低收入人口, seed 000) a LOW_INCOME status means: 低保 (minimum living
 * allowance), 特困 (extreme poverty support), 低保边缘 (just above the allowance line) or 刚性支出困难
 * (hardship from rigid spending such as medical bills).
 */
public enum LowIncomeKind {
  MINIMUM_LIVING("低保"),
  EXTREME_POVERTY("特困"),
  NEAR_MINIMUM_LIVING("低保边缘"),
  RIGID_EXPENDITURE("刚性支出困难");

  private final String zh;

  LowIncomeKind(String zh) {
    this.zh = zh;
  }

  public String zh() {
    return zh;
  }
}
