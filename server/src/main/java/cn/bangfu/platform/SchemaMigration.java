package cn.bangfu.platform;

import java.util.Locale;

/**
 * Who brings the schema up to this build's version at start (LEDGER_DB_MIGRATE, issue 19 point 3).
 *
 * <p>Flyway serialises concurrent migrators with a lock that is node-local under Galera (its named
 * lock, and the {@code SELECT … FOR UPDATE} it falls back to, are not replicated), so two instances
 * starting together on two nodes both ran V3 and broke the history. On a cluster exactly one party
 * migrates, {@code java -jar ledger-server.jar migrate} or the one instance set to {@link #MIGRATE},
 * and every other instance waits until the schema has the version it needs.
 */
public enum SchemaMigration {
  /** Migrate at start, unless the database is a Galera node: then wait, as {@link #WAIT} does. */
  AUTO,
  /** Migrate at start (the one designated migrator of a cluster; Flyway's own lock still guards one server). */
  MIGRATE,
  /** Never migrate: wait until another party has applied every migration this build knows. */
  WAIT;

  /** LEDGER_DB_MIGRATE: {@code auto} (also unset or blank), {@code migrate} or {@code wait}. */
  public static SchemaMigration parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LEDGER_DB_MIGRATE must be auto, migrate or wait, got '" + value + "'");
    }
  }

  /** Whether this instance runs Flyway itself on a database that is ({@code galeraNode}) or is not a Galera node. */
  public boolean migratesOn(boolean galeraNode) {
    return this == MIGRATE || this == AUTO && !galeraNode;
  }
}
