package cn.bangfu;

import static cn.bangfu.db.Tables.APP_USER;
import static cn.bangfu.db.Tables.BUYER;
import static cn.bangfu.db.Tables.DISTRIBUTION_OBJECTION;
import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.ORDER_HISTORY;
import static cn.bangfu.db.Tables.PAIRING;
import static cn.bangfu.db.Tables.PURCHASE_ORDER;
import static cn.bangfu.db.Tables.SHARE_HOLDING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.db.DefaultSchema;
import cn.bangfu.distribution.ObjectionStatus;
import cn.bangfu.distribution.RunStatus;
import cn.bangfu.identity.Role;
import cn.bangfu.orders.OrderStatus;
import cn.bangfu.registry.BuyerKind;
import cn.bangfu.registry.PairingForm;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.ShareClass;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Closed vocabularies are the capabilities' Java enums in the generated jOOQ code (issue 18, point 5):
 * repositories compare and set enums, and a misspelt status cannot compile.
 */
class ClosedVocabulariesTest {

  @Test
  void statuses_roles_share_classes_and_the_registrys_vocabularies_are_their_enums_in_the_generated_code() {
    assertThat(PURCHASE_ORDER.STATUS.getType()).isEqualTo(OrderStatus.class);
    assertThat(ORDER_HISTORY.FROM_STATUS.getType()).isEqualTo(OrderStatus.class);
    assertThat(ORDER_HISTORY.TO_STATUS.getType()).isEqualTo(OrderStatus.class);
    assertThat(ORDER_HISTORY.ACTOR_ROLE.getType()).isEqualTo(Role.class);
    assertThat(APP_USER.ROLE.getType()).isEqualTo(Role.class);
    assertThat(DISTRIBUTION_RUN.STATUS.getType()).isEqualTo(RunStatus.class);
    assertThat(DISTRIBUTION_OBJECTION.STATUS.getType()).isEqualTo(ObjectionStatus.class);
    assertThat(DISTRIBUTION_OBJECTION.DISMISSAL_KIND.getType()).isEqualTo(ObjectionStatus.DismissalKind.class);
    assertThat(HOUSEHOLD.STATUS.getType()).isEqualTo(HouseholdStatus.class);
    assertThat(HOUSEHOLD.PROPOSED_STATUS.getType()).isEqualTo(HouseholdStatus.class);
    assertThat(HOUSEHOLD.LABOR_CAPACITY.getType()).isEqualTo(LaborCapacity.class);
    assertThat(SHARE_HOLDING.SHARE_CLASS.getType()).isEqualTo(ShareClass.class);
    assertThat(BUYER.KIND.getType()).isEqualTo(BuyerKind.class);
    assertThat(PAIRING.FORM.getType()).isEqualTo(PairingForm.class);
    assertThat(HOUSEHOLD.LOW_INCOME_KIND.getType()).isEqualTo(cn.bangfu.registry.LowIncomeKind.class);
    assertThat(cn.bangfu.db.Tables.HOUSEHOLD_STATUS_CHANGE.STATUS.getType()).isEqualTo(HouseholdStatus.class);
    assertThat(cn.bangfu.db.Tables.MONITORING_ALERT.KIND.getType()).isEqualTo(cn.bangfu.monitoring.AlertKind.class);
    assertThat(cn.bangfu.db.Tables.MONITORING_ALERT.STATUS.getType())
        .isEqualTo(cn.bangfu.monitoring.AlertStatus.class);
    assertThat(cn.bangfu.db.Tables.MONITORING_STEP.STEP.getType()).isEqualTo(cn.bangfu.monitoring.ChainStep.class);
  }

  @Test
  void every_status_and_role_column_of_the_schema_is_an_enum() {
    List<String> strings = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
        .flatMap((Table<?> t) -> t.fieldStream().map(f -> t.getName() + "." + f.getName() + ":" + typeOf(f)))
        .filter(c -> c.matches("[a-z_]+\\.([a-z_]+_)?(status|role):.*"))
        // response_status is an HTTP status code of the idempotency record, not a vocabulary
        .filter(c -> !c.contains(".response_status:"))
        .filter(c -> !c.endsWith(":enum"))
        .toList();
    assertThat(strings).as("status/role columns still read as strings").isEmpty();
  }

  private static String typeOf(Field<?> field) {
    return field.getType().isEnum() ? "enum" : field.getType().getSimpleName();
  }
}
