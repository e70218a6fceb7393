package cn.bangfu.ledger;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Account ids by owner and purpose, creating accounts on first use.
 *
 * <p>Accounts are created on their own short connection and committed at once, not in the poster's
 * transaction. An empty account that outlives a rolled-back posting is harmless, and in exchange:
 * every account id this class has seen is committed and accounts are never deleted, so ids can be
 * cached in memory and a posting to known accounts needs no account look-up at all; and the
 * poster's transaction never holds a lock on an account row, so postings of different cooperatives
 * that share a buyer or household account do not wait on each other. The creating connection comes
 * from a separate small pool so a poster holding a main-pool connection can never starve it.
 */
public final class AccountDirectory {
  /**
   * Bounded memory: beyond this Caffeine evicts the accounts least likely to be used again (a miss
   * refills from the index); clearing the whole map at the limit, as before, made every posting miss at once.
   */
  private static final int MAX_CACHED = 500_000;

  private final LedgerRepository repository;
  private final BusinessClock clock;
  private final Database creator;
  private final Ids ids;
  private final Cache<AccountRef, Long> cache = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();

  public AccountDirectory(LedgerRepository repository, Database creator, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.repository = repository;
    this.creator = creator;
    this.ids = ids;
  }

  public Map<AccountRef, Long> resolve(DSLContext tx, Collection<AccountRef> refs) {
    Map<AccountRef, Long> result = new HashMap<>(refs.size() * 2);
    List<AccountRef> misses = new ArrayList<>();
    for (AccountRef ref : refs) {
      Long id = cache.getIfPresent(ref);
      if (id != null) {
        result.put(ref, id);
      } else {
        misses.add(ref);
      }
    }
    if (misses.isEmpty()) {
      return result;
    }
    // rows visible here are committed: no transaction ever creates accounts except the creator's
    Map<AccountRef, Long> found = tx.connectionResult(conn -> repository.findAccounts(conn, misses));
    remember(found);
    result.putAll(found);
    List<AccountRef> missing = misses.stream().filter(ref -> !found.containsKey(ref)).toList();
    if (!missing.isEmpty()) {
      Map<AccountRef, Long> created = createCommitted(missing);
      remember(created);
      result.putAll(created);
    }
    return result;
  }

  /**
   * Plain INSERT first: when it succeeds every id is the one given, so nothing is read back (for a
   * cooperative's first distribution that is 100,000 rows not read again). Only if a concurrent
   * creator made one of the accounts first does it fall back to INSERT IGNORE and read the ids.
   */
  private Map<AccountRef, Long> createCommitted(List<AccountRef> missing) {
    try {
      // a conflict with a creator on another node (Galera certification, issue 19 point 2) is run again
      return creator.retrying(() -> createOnce(missing));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating ledger accounts", e);
    }
  }

  private Map<AccountRef, Long> createOnce(List<AccountRef> missing) throws SQLException {
    LocalDateTime now = clock.now();
    try (Connection conn = creator.transactionDataSource().getConnection()) {
      conn.setAutoCommit(false);
      try {
        Map<AccountRef, Long> created = repository.createAccounts(conn, missing, ids::next, now, false);
        conn.commit();
        return created;
      } catch (SQLException e) {
        conn.rollback();
        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
          throw e;
        }
      }
      repository.createAccounts(conn, missing, ids::next, now, true);
      conn.commit();
      Map<AccountRef, Long> created = repository.findAccounts(conn, missing);
      conn.commit();
      if (created.size() != missing.size()) {
        throw new IllegalStateException((missing.size() - created.size()) + " accounts could not be created");
      }
      return created;
    }
  }

  private void remember(Map<AccountRef, Long> found) {
    cache.putAll(found);
  }
}
