package cn.bangfu.monitoring;

/** Risk events a village or township worker records (seed 000: medical spending first, then the others). */
public enum RiskEventKind {
  MEDICAL_EXPENSE, SERIOUS_ILLNESS, DISABILITY, DEATH, UNEMPLOYMENT, ACCIDENT, DISASTER, EDUCATION_EXPENSE, OTHER;

  /** 刚性支出: spending a household cannot avoid, weighed against its income by RIGID_EXPENDITURE. */
  public boolean isRigidExpenditure() {
    return this == MEDICAL_EXPENSE || this == SERIOUS_ILLNESS || this == EDUCATION_EXPENSE;
  }
}
