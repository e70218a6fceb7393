package cn.bangfu.registry;

/** How a buyer is paired with a cooperative (DESIGN.md 5); stored as its name in pairing.form. */
public enum PairingForm { REGIONAL, POINT_TO_POINT, KEY_LINK }
