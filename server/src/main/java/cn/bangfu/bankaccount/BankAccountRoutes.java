package cn.bangfu.bankaccount;

import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.HOUSEHOLD;
import static cn.bangfu.identity.Role.REGULATOR;
import static cn.bangfu.platform.JsonValues.id;

import cn.bangfu.identity.Principal;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/** HTTP for a household's payout account (issue 14 point 9): recorded in full, answered masked. */
public final class BankAccountRoutes {
  /** Bank card, 一卡通 passbook and 社保卡 financial account numbers: 12 to 30 digits. */
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12,30}");

  private BankAccountRoutes() {
  }

  public static void mount(Api<Principal> api, BankAccountService accounts) {
    api.route(HttpMethod.PUT, "/households/:id/bank-account", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      long householdId = Api.pathId(ctx, "id", "household");
      Body body = Body.of(ctx);
      String number = body.text("accountNumber", 40).replace(" ", "");
      if (!ACCOUNT.matcher(number).matches()) {
        // the number itself is never echoed back: the problem text lands in logs
        throw Problem.badRequest("accountNumber", "accountNumber must be 12 to 30 digits (spaces allowed)");
      }
      BankAccountService.NewAccount a = new BankAccountService.NewAccount(body.text("bankName", 100),
          body.text("holderName", 100), number);
      return accounts.put(caller, householdId, a).map(m -> Reply.ok(json(m)));
    });
    api.route(HttpMethod.GET, "/households/:id/bank-account", Set.of(ADMIN, REGULATOR, COOP, HOUSEHOLD),
        (ctx, caller) -> accounts.get(caller, Api.pathId(ctx, "id", "household")).map(m -> Reply.ok(json(m))));
  }

  static JsonObject json(BankAccountService.Masked m) {
    return new JsonObject().put("householdId", id(m.householdId())).put("bankName", m.bankName())
        .put("holderName", m.holderNameMasked()).put("accountNumber", m.accountMasked()).put("updatedAt", m.updatedAt());
  }
}
