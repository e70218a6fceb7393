package cn.bangfu.demo;

import cn.bangfu.identity.IdentityService;
import cn.bangfu.platform.Database;
import cn.bangfu.registry.RegistryService;

/** Demo data from the seeds; filled in below. */
public final class DemoData {
  private DemoData() {
  }

  public static void load(RegistryService registry, IdentityService identity, Database database) {
  }
}
