/**
 * What a rule file says, as immutable values: rule set, pool definition, ordered steps, bases,
 * eligibility, guarantees, compliance checks. No I/O.
 */
package cn.bangfu.rules.model;
