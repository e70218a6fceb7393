package cn.bangfu.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;

/**
 * Keeps the milliseconds of every time the service binds (issue 19 point 1).
 *
 * <p>MariaDB up to 10.x announces itself as {@code 5.5.5-10.11.18-MariaDB} (MySQL's replication
 * prefix). Connector/J takes that for MySQL 5.5, which had no fractional seconds, and silently drops
 * the nanoseconds of every {@code LocalDateTime}, {@code LocalTime} and {@code Timestamp} parameter
 * ({@code sendFractionalSeconds=true} does not override it). Stored times then lose their
 * milliseconds and no ledger entry's hash, which covers its {@code created_at}, matches any more.
 *
 * <p>{@link #keepsMillis} asks the driver and server at start whether a bound time survives a round
 * trip; only where it does not, {@link #bindingTimesAsText} wraps the pool so those parameters are
 * bound as text ({@code 2026-12-02 17:12:55.123000}), which every supported server parses into its
 * DATETIME(3) columns and compares with them as a time. MySQL 8 and MariaDB 11 (no prefix) keep the
 * driver's own binding and pay nothing. Done at the JDBC layer so the jOOQ queries and the
 * repositories' hand-written batches are covered alike.
 */
final class FractionalSeconds {
  /** Six digits: exact for the millisecond times the service stores, and never rounded by MySQL 8. */
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private static final LocalDateTime PROBE = LocalDateTime.of(2026, 1, 1, 0, 0, 0, 123_000_000);

  private FractionalSeconds() {
  }

  /** Whether a time bound as a parameter comes back from this server with its milliseconds. */
  static boolean keepsMillis(DataSource source) {
    try (Connection connection = source.getConnection();
         PreparedStatement probe = connection.prepareStatement("SELECT CAST(? AS DATETIME(3))")) {
      probe.setObject(1, PROBE);
      try (ResultSet row = probe.executeQuery()) {
        row.next();
        return PROBE.equals(row.getObject(1, LocalDateTime.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check how the database stores fractional seconds", e);
    }
  }

  /** {@code source} whose prepared statements bind times as text, fractional seconds included. */
  static DataSource bindingTimesAsText(DataSource source) {
    return proxy(DataSource.class, source, (method, args) -> {
      Object result = method.invoke(source, args);
      return result instanceof Connection connection && method.getName().equals("getConnection")
          ? connection(connection) : result;
    });
  }

  private static Connection connection(Connection connection) {
    return proxy(Connection.class, connection, (method, args) -> {
      Object result = method.invoke(connection, args);
      if (result instanceof CallableStatement call) {
        return statement(CallableStatement.class, call);
      }
      return result instanceof PreparedStatement statement ? statement(PreparedStatement.class, statement) : result;
    });
  }

  private static <S extends PreparedStatement> S statement(Class<S> type, S statement) {
    return proxy(type, statement, (method, args) -> {
      String name = method.getName();
      if (args != null && args.length >= 2 && (name.equals("setObject") || name.equals("setTimestamp")
          || name.equals("setTime")) && args[0] instanceof Integer index) {
        String text = asText(args[1]);
        if (text != null) {
          statement.setString(index, text);
          return null;
        }
      }
      return method.invoke(statement, args);
    });
  }

  /** The parameter as the text of a time with six fractional digits; null if it is not a time. */
  static String asText(Object value) {
    if (value instanceof LocalDateTime time) {
      return DATE_TIME.format(time);
    }
    if (value instanceof Timestamp time) {
      // the driver sends a Timestamp's local fields as they are (preserveInstants=false): so does this
      return DATE_TIME.format(time.toLocalDateTime());
    }
    if (value instanceof LocalTime time) {
      return TIME.format(time);
    }
    return null;
  }

  private interface Call {
    Object invoke(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (self, method, args) -> {
      if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
        return method.invoke(target, args);
      }
      try {
        return call.invoke(method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(FractionalSeconds.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
