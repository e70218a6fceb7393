package cn.bangfu.identity;

import static cn.bangfu.db.Tables.APP_USER;
import static cn.bangfu.db.Tables.BUYER;
import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.HOUSEHOLD;

import cn.bangfu.db.tables.records.AppUserRecord;
import cn.bangfu.platform.BusinessClock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** SQL for users; the only place that reads or writes app_user. */
public final class UserRepository {
  /** Stamps created_at and disabled_at. */
  private final BusinessClock clock;

  public UserRepository(BusinessClock clock) {
    this.clock = clock;
  }

  /** The lower-case form every name is unique in (V8). */
  public static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /**
   * The user signing in as {@code username}, whatever its case; a name spelled exactly so wins over
   * one differing only by case (only possible for names from before V8, see there).
   */
  public Optional<AppUserRecord> findForSignIn(DSLContext db, String username) {
    List<AppUserRecord> found = db.selectFrom(APP_USER)
        .where(APP_USER.USERNAME_KEY.eq(key(username)).or(APP_USER.USERNAME.eq(username)))
        .fetch();
    return found.stream().filter(u -> u.getUsername().equals(username)).findFirst()
        .or(() -> found.stream().filter(u -> u.getUsernameKey().equals(key(username))).findFirst());
  }

  public Optional<AppUserRecord> find(DSLContext db, long id) {
    return db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional();
  }

  /** The user exists and is not disabled. */
  public boolean isActive(DSLContext db, long id) {
    return db.fetchExists(APP_USER, APP_USER.ID.eq(id).and(APP_USER.DISABLED_AT.isNull()));
  }

  /** Disables (recording who and when) or enables again; false when there is no such user. */
  public boolean setDisabled(DSLContext db, long id, boolean disabled, long by) {
    return db.update(APP_USER)
        .set(APP_USER.DISABLED_AT, disabled ? clock.now() : null)
        .set(APP_USER.DISABLED_BY, disabled ? by : null)
        .where(APP_USER.ID.eq(id))
        .execute() == 1;
  }

  public boolean anyUser(DSLContext db) {
    return db.fetchExists(APP_USER);
  }

  /**
   * Inserts a user; false when the username is taken in any case (the unique index on the
   * lower-case key decides, not a prior read).
   */
  public boolean insert(DSLContext db, long id, String username, String passwordHash, Role role, String scopeId) {
    try {
      db.insertInto(APP_USER)
          .set(APP_USER.ID, id)
          .set(APP_USER.USERNAME, username)
          .set(APP_USER.USERNAME_KEY, key(username))
          .set(APP_USER.PASSWORD_HASH, passwordHash)
          .set(APP_USER.ROLE, role)
          .set(APP_USER.SCOPE_ID, scopeId)
          .set(APP_USER.CREATED_AT, clock.now())
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
