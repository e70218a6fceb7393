package cn.bangfu.ledger.demo;

import cn.bangfu.ledger.identity.IdentityService;
import cn.bangfu.ledger.platform.Database;
import cn.bangfu.ledger.registry.RegistryService;

/** Demo data from the seeds; filled in below. */
public final class DemoData {
  private DemoData() {
  }

  public static void load(RegistryService registry, IdentityService identity, Database database) {
  }
}
