package cn.bangfu.orders;

/**
 * The life of a 以购代捐 order. Forward: PLACED → CONFIRMED → SHIPPED → DELIVERED → ACCEPTED → SETTLED.
 * Off ramps: CANCELLED (the buyer while PLACED, the cooperative while PLACED or CONFIRMED) and
 * REJECTED (the cooperative declines a PLACED order, e.g. it cannot pick that grade in time). Both
 * give the quantity back to the lot. SETTLED, CANCELLED and REJECTED are final.
 */
public enum OrderStatus {
  PLACED,
  CONFIRMED,
  SHIPPED,
  DELIVERED,
  ACCEPTED,
  SETTLED,
  CANCELLED,
  REJECTED
}
