package cn.bangfu.supply;

/**
 * Certifications a lot may carry: 绿色食品, 有机, 地理标志, and 扶贫产品认定 (poverty-alleviation product
 * certification, which matching rewards).
 */
public enum Certification {
  GREEN,
  ORGANIC,
  GEOGRAPHICAL_INDICATION,
  POVERTY_PRODUCT
}
