package cn.bangfu.platform;

import static cn.bangfu.db.Tables.KEY_FINGERPRINT;

import org.jooq.DSLContext;

/**
 * Refuses to start an instance whose master key differs from the one the database was first used
 * with: it could neither read the stored identity numbers nor detect duplicates among them.
 */
public final class KeyCheck {
  private KeyCheck() {
  }

  public static void verify(DSLContext db, Secrets secrets, BusinessClock clock) {
    db.insertInto(KEY_FINGERPRINT)
        .set(KEY_FINGERPRINT.PURPOSE, "master")
        .set(KEY_FINGERPRINT.FINGERPRINT, secrets.fingerprint())
        .set(KEY_FINGERPRINT.CREATED_AT, clock.now())
        .onDuplicateKeyIgnore()
        .execute();
    String stored = db.select(KEY_FINGERPRINT.FINGERPRINT).from(KEY_FINGERPRINT)
        .where(KEY_FINGERPRINT.PURPOSE.eq("master")).fetchOne(KEY_FINGERPRINT.FINGERPRINT);
    if (!secrets.fingerprint().equals(stored)) {
      throw new IllegalStateException("this database was set up with a different master key: start with the "
          + "same LEDGER_MASTER_KEY (or the same LEDGER_DATA_DIR/secrets/master.key) as the other instances");
    }
  }
}
