/**
 * Interest linkage (利益联结) as the regulator checks it: the cooperative's plot register (地块登记), the
 * base area the 100+1+1 check measures, and the region-wide roll-up of that check. The check itself is
 * benefit-rules' (a compliance rule set); this package only gathers its facts and reports.
 */
package cn.bangfu.linkage;
