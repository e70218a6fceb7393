package cn.bangfu.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Insert and look-up statements of one generated table, rendered once from its jOOQ metadata and
 * then sent as plain JDBC on the transaction's connection. For the hot paths (order placement, the
 * ledger's entries): rendering and binding a jOOQ query per call costs about as much CPU as the
 * driver itself on two shared cores. The column lists still come from the generated types, so a
 * migration that changes the table changes these statements too.
 */
public final class RecordStatements<R extends TableRecord<R>> {
  /**
   * Renders a jOOQ query once, for a hot statement sent as plain JDBC: {@code DSL.param(...)} become
   * positional {@code ?}, bound in the order they appear. MariaDB, the database the ledger runs on
   * (the server's dialect is detected in {@link Database}): the hot statements are plain SELECT,
   * INSERT, UPDATE and upserts without VALUES(), which read the same in MySQL.
   */
  public static final DSLContext RENDERER = DSL.using(SQLDialect.MARIADB, new Settings().withRenderSchema(false));

  private final Table<R> table;
  private final Field<?>[] fields;
  /** Each field's converter: columns of a closed vocabulary are Java enums in the records, names in SQL. */
  private final Converter<Object, Object>[] converters;
  private final String insert;
  private final String select;

  public RecordStatements(Table<R> table) {
    this.table = table;
    this.fields = table.fields();
    this.converters = converters(fields);
    String columns = Arrays.stream(fields).map(Field::getName).collect(Collectors.joining(", "));
    this.insert = "INSERT INTO " + table.getName() + " (" + columns + ") VALUES ("
        + String.join(", ", Collections.nCopies(fields.length, "?")) + ")";
    this.select = "SELECT " + columns + " FROM " + table.getName() + " WHERE ";
  }

  /** A unique index refused the row; the message names the index (as the database reported it). */
  public static final class DuplicateKey extends RuntimeException {
    DuplicateKey(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Inserts {@code record}: every column, in table order, unset ones as NULL (these tables have no
   * column defaults). A unique index refusing it surfaces as {@link DuplicateKey}.
   */
  public void insert(DSLContext db, R record) {
    String[] duplicate = new String[1];
    db.connection(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(insert)) {
        for (int i = 0; i < fields.length; i++) {
          ps.setObject(i + 1, converters[i].to(record.get(fields[i])));
        }
        ps.executeUpdate();
      } catch (SQLIntegrityConstraintViolationException e) {
        duplicate[0] = String.valueOf(e.getMessage());
      }
    });
    if (duplicate[0] != null) {
      throw new DuplicateKey(duplicate[0]);
    }
  }

  /**
   * Inserts {@code records} in one multi-row {@code INSERT IGNORE}, every column in table order: rows a
   * unique index already holds are skipped. Returns how many were inserted. For bulk inserts of a few
   * thousand rows (a province's alerts: building a jOOQ multi-row insert of them cost more than the insert).
   */
  public int insertIgnore(DSLContext db, List<R> records) {
    if (records.isEmpty()) {
      return 0;
    }
    String row = "(" + String.join(", ", Collections.nCopies(fields.length, "?")) + ")";
    String sql = "INSERT IGNORE" + insert.substring("INSERT".length(), insert.indexOf(" VALUES ")) + " VALUES "
        + String.join(", ", Collections.nCopies(records.size(), row));
    return db.connectionResult(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        int p = 0;
        for (R record : records) {
          for (int i = 0; i < fields.length; i++) {
            ps.setObject(++p, converters[i].to(record.get(fields[i])));
          }
        }
        return ps.executeUpdate();
      }
    });
  }

  /** A look-up by equality on {@code keys}, rendered once; {@link Lookup#fetch} binds values in that order. */
  public Lookup lookup(Field<?>... keys) {
    String sql = select + Arrays.stream(keys).map(k -> k.getName() + " = ?").collect(Collectors.joining(" AND "));
    return new Lookup(sql);
  }

  /** One rendered look-up statement of this table. */
  public final class Lookup {
    private final String sql;

    private Lookup(String sql) {
      this.sql = sql;
    }

    /** The row matching {@code values} (the keys are unique), as an unchanged record. */
    public Optional<R> fetch(DSLContext db, Object... values) {
      return db.connectionResult(conn -> {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
          for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(db, rs)) : Optional.<R>empty();
          }
        }
      });
    }
  }

  private R read(DSLContext db, ResultSet rs) throws SQLException {
    R record = db.newRecord(table);
    for (int i = 0; i < fields.length; i++) {
      set(record, fields[i], converters[i].from(rs.getObject(i + 1, converters[i].fromType())));
    }
    record.changed(false);
    return record;
  }

  @SuppressWarnings("unchecked")
  private static Converter<Object, Object>[] converters(Field<?>[] fields) {
    Converter<Object, Object>[] converters = new Converter[fields.length];
    for (int i = 0; i < fields.length; i++) {
      converters[i] = (Converter<Object, Object>) fields[i].getConverter();
    }
    return converters;
  }

  @SuppressWarnings("unchecked")
  private static <T> void set(TableRecord<?> record, Field<T> field, Object value) {
    record.set(field, (T) value);
  }
}
