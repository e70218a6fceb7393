package cn.bangfu.distribution;

/**
 * The life of a distribution run (DESIGN.md 2): DRAFT → PUBLICIZED → APPROVED → POSTED (→ REVERSED), or
 * PUBLICIZED → REJECTED when the region's regulator sends it back with a reason (DESIGN.md 6); a rejected
 * run moved no money and claimed nothing, and the cooperative drafts again.
 */
public enum RunStatus {
  DRAFT,
  PUBLICIZED,
  APPROVED,
  POSTED,
  REVERSED,
  REJECTED
}
