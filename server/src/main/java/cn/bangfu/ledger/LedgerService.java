package cn.bangfu.ledger;

import cn.bangfu.db.tables.records.LedgerAccountRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The ledger's read side for HTTP: trial balance, chain verification, accounts with balances.
 * Account scope: ADMIN all; REGULATOR when the owner's region is under its prefix; COOP, BUYER and
 * HOUSEHOLD only accounts they own themselves.
 */
public final class LedgerService {
  private final Database database;
  private final LedgerQueries queries;
  private final LedgerRepository repository;
  private final ChainVerifier verifier;
  private final ParticipantRepository participants;

  public LedgerService(Database database, LedgerQueries queries, LedgerRepository repository, ChainVerifier verifier,
      ParticipantRepository participants) {
    this.database = database;
    this.queries = queries;
    this.repository = repository;
    this.verifier = verifier;
    this.participants = participants;
  }

  public record AccountView(LedgerAccountRecord account, long balanceFen, LocalDate asOf, Long asOfBalanceFen,
      List<LedgerQueries.AccountLine> lines) {
  }

  /**
   * The trial balance the caller may see: ADMIN the whole ledger; a REGULATOR the entries of the
   * cooperatives in its region (by the region-prefix rule of {@link Scopes#coversRegion}: an empty
   * prefix is the root and covers all). The region's prefix, or null for the whole ledger, comes back
   * with it.
   */
  public Future<RegionalTrialBalance> trialBalance(Principal caller) {
    String prefix = caller.role() == cn.bangfu.identity.Role.ADMIN ? null : caller.scopeId();
    if (caller.role() != cn.bangfu.identity.Role.ADMIN && prefix == null) {
      return Future.failedFuture(Problem.forbidden("outside your scope: no region is assigned to you"));
    }
    if (prefix != null && prefix.isEmpty()) {
      prefix = null;
    }
    String region = prefix;
    return database.read(db -> new RegionalTrialBalance(region, region == null ? queries.trialBalance(db)
        : queries.trialBalance(db, cn.bangfu.db.Tables.LEDGER_POSTING.COOPERATIVE_ID.in(
            participants.cooperativeIdsInRegion(region)))));
  }

  public record RegionalTrialBalance(String regionPrefix, LedgerQueries.TrialBalance balance) {
  }

  public Future<ChainVerifier.Verification> verify() {
    return database.read(verifier::verify);
  }

  public Future<AccountView> account(Principal caller, long accountId, LocalDate asOf, int limit, int offset) {
    return database.read(db -> {
      LedgerAccountRecord account = repository.account(db, accountId)
          .orElseThrow(() -> Problem.notFound("account", Long.toString(accountId)));
      requireAccountScope(db, caller, account);
      long balance = queries.balance(db, accountId, null);
      Long asOfBalance = asOf == null ? null : queries.balance(db, accountId, asOf);
      return new AccountView(account, balance, asOf, asOfBalance, queries.accountLines(db, accountId, limit, offset));
    });
  }

  /**
   * Whose accounts GET /accounts lists: a cooperative's (its chart accounts and its members'
   * sub-accounts), a household's member sub-accounts in every cooperative, or a buyer's (none: a
   * buyer keeps no account on a cooperative's chart; its purchases are read from its orders).
   */
  public enum Owner { COOPERATIVE, BUYER, HOUSEHOLD }

  public Future<List<AccountView>> accountsOf(Principal caller, Owner ownerType, long ownerId) {
    return database.read(db -> {
      requireOwnerScope(db, caller, ownerType, ownerId);
      List<LedgerAccountRecord> accounts = switch (ownerType) {
        case COOPERATIVE -> queries.accountsOfCooperative(db, ownerId);
        case HOUSEHOLD -> queries.accountsOfHousehold(db, ownerId);
        case BUYER -> List.of();
      };
      Map<Long, Long> balances = queries.balances(db, accounts.stream().map(LedgerAccountRecord::getId).toList());
      return accounts.stream()
          .map(a -> new AccountView(a, balances.getOrDefault(a.getId(), 0L), null, null, List.of())).toList();
    });
  }

  /**
   * Own-entity roles are decided from the token alone (no look-up, so nothing about other owners
   * leaks); ADMIN and REGULATOR need the owner to exist, and REGULATOR its region under the prefix.
   */
  /** A cooperative's own account: as its cooperative; a member sub-account: also as that household. */
  private void requireAccountScope(DSLContext db, Principal caller, LedgerAccountRecord account) {
    if (caller.role() == cn.bangfu.identity.Role.HOUSEHOLD && account.getHouseholdId() > 0) {
      requireOwnerScope(db, caller, Owner.HOUSEHOLD, account.getHouseholdId());
    } else {
      requireOwnerScope(db, caller, Owner.COOPERATIVE, account.getCooperativeId());
    }
  }

  private void requireOwnerScope(DSLContext db, Principal caller, Owner ownerType, long ownerId) {
    String what = ownerType.name().toLowerCase(java.util.Locale.ROOT) + " " + ownerId;
    boolean allowed = switch (caller.role()) {
      case COOP -> ownerType == Owner.COOPERATIVE && caller.scopeEntityId() == ownerId;
      case BUYER -> ownerType == Owner.BUYER && caller.scopeEntityId() == ownerId;
      case HOUSEHOLD -> ownerType == Owner.HOUSEHOLD && caller.scopeEntityId() == ownerId;
      case ADMIN -> true;
      case REGULATOR -> Scopes.coversRegion(caller,
          ownerRegion(db, ownerType, ownerId).orElseThrow(() -> Problem.notFound(what.split(" ")[0], "" + ownerId)));
    };
    Scopes.require(allowed, what);
  }

  private Optional<String> ownerRegion(DSLContext db, Owner ownerType, long ownerId) {
    return switch (ownerType) {
      case COOPERATIVE -> participants.cooperative(db, ownerId).map(c -> c.getRegionCode());
      case BUYER -> participants.buyer(db, ownerId).map(b -> b.getRegionCode());
      case HOUSEHOLD -> participants.household(db, ownerId).map(h -> h.getRegionCode());
    };
  }
}
