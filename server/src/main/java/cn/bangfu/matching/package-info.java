/**
 * Production-to-market matching (产销对接): buyers' demands and the ranked lots that fit them, with
 * reasons, paired cooperatives first. Scoring is exact integer arithmetic over a snapshot of open lots.
 */
package cn.bangfu.matching;
