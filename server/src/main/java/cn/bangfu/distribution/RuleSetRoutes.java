package cn.bangfu.distribution;

import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.rules.load.ParseResult;
import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.RuleSet;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/** GET /rule-sets, GET /rule-sets/{id}, POST /rule-sets/validate (a draft file, checked, never stored). */
public final class RuleSetRoutes {
  private static final int MAX_RULE_FILE_CHARS = 64 * 1024;

  private RuleSetRoutes() {
  }

  public static void mount(Api<Principal> api, RuleSetCatalog catalog) {
    Set<Role> signedIn = EnumSet.allOf(Role.class);
    api.route(HttpMethod.GET, "/rule-sets", signedIn, (ctx, caller) -> {
      JsonArray items = new JsonArray();
      catalog.all().forEach(ruleSet -> items.add(new JsonObject(ruleSet.toSummaryMap())));
      return Future.succeededFuture(Reply.ok(new JsonObject().put("items", items)));
    });
    api.route(HttpMethod.GET, "/rule-sets/:id", signedIn, (ctx, caller) -> {
      String id = ctx.pathParam("id");
      RuleSet ruleSet = catalog.find(id).orElseThrow(() -> Problem.notFound("rule set", id));
      return Future.succeededFuture(Reply.ok(new JsonObject(ruleSet.toMap()).put("yaml", ruleSet.yamlText())));
    });
    api.route(HttpMethod.POST, "/rule-sets/validate", Set.of(Role.ADMIN, Role.REGULATOR, Role.COOP), (ctx, caller) -> {
      Body body = Body.of(ctx);
      String fileName = body.has("fileName") ? body.text("fileName", 200) : "draft.yaml";
      Object yaml = body.json().getValue("yaml");
      if (!(yaml instanceof String text) || text.isBlank()) {
        throw Problem.badRequest("yaml", "yaml is required: the rule file's text");
      }
      if (text.length() > MAX_RULE_FILE_CHARS) {
        throw Problem.badRequest("yaml", "yaml is longer than " + MAX_RULE_FILE_CHARS + " characters");
      }
      // parsing and validating a 64 KB draft is CPU work: keep it off the event loop
      return ctx.vertx().executeBlocking(() -> {
        ParseResult result = RuleSetParser.parse(fileName, text);
        JsonArray problems = new JsonArray();
        for (RuleProblem problem : result.problems()) {
          problems.add(new JsonObject(problem.toMap()));
        }
        JsonObject answer = new JsonObject().put("valid", result.isValid()).put("problems", problems);
        if (result.isValid()) {
          answer.put("ruleSet", new JsonObject(result.ruleSet().toMap()));
        }
        return Reply.ok(answer);
      }, false);
    });
  }
}
