package cn.bangfu.distribution;

import static cn.bangfu.support.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A draft started from the accountant's page runs as a job (issue 16); what the draft refuses once running
 * (a period in a closed year, 结账) comes back on the job's page as the form refused: the reason beside the
 * field, the choices kept, and no run drafted.
 */
class DraftJobsTest {
  private static final String PASSWORD = "draft-jobs-2026";
  @ClassServer static TestServer server;

  @Test
  void a_draft_refused_while_running_brings_back_the_form_with_the_reason_beside_the_field() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村葡萄合作社结账", 3);
    coop.settledOrder(610_001, 480_000, LocalDate.of(2025, 9, 10));
    coop.postedRun("coop-surplus-60", "2025-01-01", "2025-12-31"); // 2025 is closed (结账)
    String accountant = "draft-jobs-" + System.nanoTime() % 100_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", accountant)
        .put("password", PASSWORD).put("role", "COOP").put("scopeId", coop.id)).expect(201);
    PageClient browser = new PageClient(server.server().port());
    assertThat(browser.signIn(accountant, PASSWORD).location()).isEqualTo("/coop");
    int runsBefore = browser.get("/coop/distributions").html().select("tr.run").size();

    PageClient.Page started = browser.post("/coop/distributions", form("csrf", browser.get("/coop/distributions").csrf(),
        "ruleSetId", "coop-surplus-60", "periodStart", "2025-03-01", "periodEnd", "2025-03-31"));
    long job = Long.parseLong(started.location().substring("/coop/distributions/jobs/".length()));
    DraftJobs.Job ended = server.server().draftJobs().ended(job).await();

    assertThat(ended.status()).isEqualTo(DraftProgress.JobStatus.FAILED);
    assertThat(ended.errorField()).isEqualTo("periodStart");
    PageClient.Page refused = browser.get(started.location());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.html().selectFirst("#periodStart-error").text()).isEqualTo("这一年已经结账，请选结账以后的期间。");
    assertThat(refused.html().selectFirst("#periodStart").val()).isEqualTo("2025-03-01");
    assertThat(refused.html().selectFirst("#ruleSetId option[selected]").val()).isEqualTo("coop-surplus-60");
    assertThat(refused.html().select("tr.run")).hasSize(runsBefore);
  }
}
