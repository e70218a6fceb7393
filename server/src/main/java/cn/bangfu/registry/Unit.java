package cn.bangfu.registry;

/** Units of produce quantities. JIN is the market 斤 (0.5 kg). */
public enum Unit {
  KG,
  JIN,
  TON,
  PIECE,
  BOX,
  HEAD,
  LITER
}
