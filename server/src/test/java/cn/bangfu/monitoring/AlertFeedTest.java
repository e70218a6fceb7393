package cn.bangfu.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.db.tables.records.MonitoringAlertRecord;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the live feed announces for the alerts one change opened: each alert while they are few, a
 * count per village and year once they are more than a regulator could read (a line set over a
 * province opened 1.2 million).
 */
class AlertFeedTest {
  private static MonitoringAlertRecord alert(long id, String village, int year) {
    return new MonitoringAlertRecord().setId(id).setHouseholdId(id + 1_000).setRegionCode(village)
        .setKind(AlertKind.BELOW_LINE).setAlertYear(year).setDetail("2026年家庭人均收入 900.00 元，低于监测线 7000.00 元")
        .setSince(LocalDateTime.of(2026, 12, 4, 9, 0)).setStatus(AlertStatus.OPEN);
  }

  @Test
  void a_few_alerts_are_announced_one_by_one_with_their_village_for_the_filter() {
    List<JsonObject> announced = AlertFeed.announcements(List.of(alert(1, "450123001001", 2026),
        alert(2, "450123001002", 2026)));

    assertThat(announced).hasSize(2);
    assertThat(announced.get(0).getString("id")).isEqualTo("1");
    assertThat(announced.get(0).getString("regionCode")).isEqualTo("450123001001");
    assertThat(announced).noneMatch(AlertFeed::isSummary);
  }

  @Test
  void more_than_500_at_once_are_announced_as_a_count_per_village_and_year() {
    List<MonitoringAlertRecord> opened = new ArrayList<>();
    for (int i = 0; i < 1_201; i++) {
      // 400 in each of two villages, 400 in the second of them for last year, one more in the first
      String village = i % 3 == 0 ? "450123001001" : "450123001002";
      opened.add(alert(i, village, i % 3 == 2 ? 2025 : 2026));
    }

    List<JsonObject> announced = AlertFeed.announcements(opened);

    assertThat(announced).allMatch(AlertFeed::isSummary);
    assertThat(announced).containsExactly(
        new JsonObject().put("regionCode", "450123001001").put("year", 2026).put("opened", 401),
        new JsonObject().put("regionCode", "450123001002").put("year", 2025).put("opened", 400),
        new JsonObject().put("regionCode", "450123001002").put("year", 2026).put("opened", 400));
    assertThat(AlertFeed.announcements(opened.subList(0, AlertFeed.ONE_BY_ONE))).noneMatch(AlertFeed::isSummary);
  }
}
