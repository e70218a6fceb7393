package cn.bangfu.registry;

/** What kind of organisation a buyer is (DESIGN.md 5); stored as its name in buyer.kind. */
public enum BuyerKind { AGENCY, SCHOOL, HOSPITAL, SOE, ENTERPRISE, OTHER }
