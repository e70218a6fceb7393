package cn.bangfu.platform;

import cn.bangfu.LedgerServer;
import cn.bangfu.monitoring.AlertKind;

/**
 * A platform class that breaks the layering on purpose, so ArchitectureTest can show its rule catches
 * it. A test source: the production classes the rule checks do not include it.
 */
public final class NamesACapability {
  AlertKind kind;
  LedgerServer server;
}
