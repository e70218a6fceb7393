package cn.bangfu.web;

import static cn.bangfu.db.Tables.APP_USER;
import static cn.bangfu.db.Tables.WEB_SESSION;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for the pages' sessions (V21): the only place that reads or writes web_session. */
public final class WebSessionRepository {
  /** Expired rows removed per sign-in, so the table stays small without a scheduled job. */
  static final int SWEEP = 100;

  /** A session row with its user's name, role, scope and whether an admin disabled it. */
  public record Row(long userId, String username, cn.bangfu.identity.Role role, String scopeId, boolean disabled,
      LocalDateTime expiresAt) {
  }

  public void insert(DSLContext db, String idHash, long userId, LocalDateTime createdAt, LocalDateTime expiresAt) {
    db.insertInto(WEB_SESSION).set(WEB_SESSION.ID_HASH, idHash).set(WEB_SESSION.USER_ID, userId)
        .set(WEB_SESSION.CREATED_AT, createdAt).set(WEB_SESSION.EXPIRES_AT, expiresAt).execute();
  }

  /** Bound by position: the cookie's hash. Rendered once: every page view makes this read (issue 15). */
  private static final cn.bangfu.platform.RenderedSelect FIND = new cn.bangfu.platform.RenderedSelect(
      cn.bangfu.platform.RecordStatements.RENDERER.select(WEB_SESSION.USER_ID, WEB_SESSION.EXPIRES_AT,
              APP_USER.USERNAME, APP_USER.ROLE, APP_USER.SCOPE_ID, APP_USER.DISABLED_AT)
          .from(WEB_SESSION).join(APP_USER).on(APP_USER.ID.eq(WEB_SESSION.USER_ID))
          .where(WEB_SESSION.ID_HASH.eq(org.jooq.impl.DSL.param("idHash", String.class))));

  public Optional<Row> find(DSLContext db, String idHash) {
    return FIND.fetch(db, idHash).stream().findFirst().map(x -> new Row(x.get(WEB_SESSION.USER_ID),
        x.get(APP_USER.USERNAME), x.get(APP_USER.ROLE), x.get(APP_USER.SCOPE_ID), x.get(APP_USER.DISABLED_AT) != null,
        x.get(WEB_SESSION.EXPIRES_AT)));
  }

  public void delete(DSLContext db, String idHash) {
    db.deleteFrom(WEB_SESSION).where(WEB_SESSION.ID_HASH.eq(idHash)).execute();
  }

  /** Removes up to {@link #SWEEP} sessions that ended before {@code before}. */
  public int sweep(DSLContext db, LocalDateTime before) {
    return db.deleteFrom(WEB_SESSION).where(WEB_SESSION.EXPIRES_AT.lt(before)).limit(SWEEP).execute();
  }
}
