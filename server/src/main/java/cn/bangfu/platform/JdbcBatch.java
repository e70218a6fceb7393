package cn.bangfu.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A prepared statement filled row by row and sent in batches of {@code size} (the driver rewrites
 * each batch into one multi-row INSERT); whatever is left goes on {@link #close}. For the bulk
 * writes (postings, accounts, distribution lines) where building jOOQ records would cost more than
 * the insert itself.
 */
public final class JdbcBatch implements AutoCloseable {
  private final PreparedStatement statement;
  private final int size;
  private int pending;

  public JdbcBatch(PreparedStatement statement, int size) {
    this.statement = statement;
    this.size = size;
  }

  /** Ends the row whose parameters were just set. */
  public void add() throws SQLException {
    statement.addBatch();
    if (++pending == size) {
      statement.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    if (pending > 0) {
      statement.executeBatch();
      pending = 0;
    }
  }
}
