package cn.bangfu.distribution;

/** The life of a distribution run (DESIGN.md 2). */
public enum RunStatus {
  DRAFT,
  PUBLICIZED,
  APPROVED,
  POSTED,
  REVERSED
}
