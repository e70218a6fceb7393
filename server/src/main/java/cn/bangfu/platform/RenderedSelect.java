package cn.bangfu.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;

/**
 * A jOOQ select rendered once ({@link RecordStatements#RENDERER}: its {@code DSL.param(...)} become
 * positional {@code ?}), then sent as plain JDBC and its rows read back through jOOQ with the select's own
 * fields, converters included. For reads made on every page view (issue 15, the household page: five reads
 * per page, and building and rendering each query cost more of the server's CPU than the driver did).
 */
public final class RenderedSelect {
  private final String sql;
  private final Field<?>[] fields;

  /** {@code select} built with {@link RecordStatements#RENDERER}; its parameters are bound in order. */
  public RenderedSelect(Select<?> select) {
    this.sql = select.getSQL();
    this.fields = select.getSelect().toArray(Field<?>[]::new);
  }

  /** The rows for {@code values}, bound in the order of the select's parameters. */
  public Result<Record> fetch(DSLContext db, Object... values) {
    return db.connectionResult(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          ps.setObject(i + 1, values[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          return db.fetch(rs, fields);
        }
      }
    });
  }

  @Override
  public String toString() {
    return sql;
  }
}
