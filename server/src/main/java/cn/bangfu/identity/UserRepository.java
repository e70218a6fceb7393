package cn.bangfu.identity;

import static cn.bangfu.db.Tables.APP_USER;
import static cn.bangfu.db.Tables.BUYER;
import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.HOUSEHOLD;

import cn.bangfu.db.tables.records.AppUserRecord;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** SQL for users; the only place that reads or writes app_user. */
public final class UserRepository {

  public Optional<AppUserRecord> findByUsername(DSLContext db, String username) {
    return db.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional();
  }

  public boolean anyUser(DSLContext db) {
    return db.fetchExists(APP_USER);
  }

  /** Inserts a user; false when the username is taken (the unique index decides, not a prior read). */
  public boolean insert(DSLContext db, long id, String username, String passwordHash, Role role, String scopeId) {
    try {
      db.insertInto(APP_USER)
          .set(APP_USER.ID, id)
          .set(APP_USER.USERNAME, username)
          .set(APP_USER.PASSWORD_HASH, passwordHash)
          .set(APP_USER.ROLE, role.name())
          .set(APP_USER.SCOPE_ID, scopeId)
          .set(APP_USER.CREATED_AT, LocalDateTime.now(ZoneOffset.UTC))
          .execute();
      return true;
    } catch (IntegrityConstraintViolationException e) {
      return false;
    }
  }

  /** Whether the entity a COOP, BUYER or HOUSEHOLD user would act for exists. */
  public boolean scopeEntityExists(DSLContext db, Role role, long id) {
    return switch (role) {
      case COOP -> db.fetchExists(COOPERATIVE, COOPERATIVE.ID.eq(id));
      case BUYER -> db.fetchExists(BUYER, BUYER.ID.eq(id));
      case HOUSEHOLD -> db.fetchExists(HOUSEHOLD, HOUSEHOLD.ID.eq(id));
      case ADMIN, REGULATOR -> true;
    };
  }
}
