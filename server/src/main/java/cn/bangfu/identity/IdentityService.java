package cn.bangfu.identity;

import cn.bangfu.db.tables.records.AppUserRecord;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in, user creation and the first-start admin. */
public final class IdentityService {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);
  public static final String ADMIN_USERNAME = "admin";

  private final Database database;
  private final UserRepository users;
  private final Passwords passwords;
  private final Authenticator authenticator;
  private final Ids ids;
  private final PasswordPolicy policy;
  private final SignInThrottle throttle;
  private final ActiveUsers activeUsers;

  public IdentityService(Database database, UserRepository users, Passwords passwords, Authenticator authenticator,
      Ids ids, PasswordPolicy policy, SignInThrottle throttle, ActiveUsers activeUsers) {
    this.database = database;
    this.users = users;
    this.passwords = passwords;
    this.authenticator = authenticator;
    this.ids = ids;
    this.policy = policy;
    this.throttle = throttle;
    this.activeUsers = activeUsers;
  }

  public record SignedIn(Authenticator.Token token, Principal principal) {
  }

  /** A user as an admin sees it. */
  public record UserView(Principal user, boolean disabled) {
  }

  /**
   * Checks a password, behind the {@link SignInThrottle}: a locked account or an address with too
   * many failures gets 429 with Retry-After before any password is checked. Failures are logged
   * with the name (made printable) and the address, never the password.
   */
  public Future<SignedIn> signIn(String username, String password, String address) {
    SignInThrottle.Admission admission = throttle.admit(username, address);
    if (!admission.admitted()) {
      LOG.warn("sign-in refused for user '{}' from {}: too many failures ({}), retry after {} s", printable(username),
          address, admission.reason(), admission.retryAfterSeconds());
      return Future.failedFuture(Problem.tooManyRequests(
          "too many failed sign-ins; try again in " + admission.retryAfterSeconds() + " s",
          admission.retryAfterSeconds()));
    }
    // the connection is back in the pool before the (slow, deliberately) hash is checked on its own executor
    return database.read(db -> users.findForSignIn(db, username))
        .compose(user -> passwords.matching(user.map(AppUserRecord::getPasswordHash).orElse(null), password)
            .map(valid -> valid && user.get().getDisabledAt() == null ? user : Optional.<AppUserRecord>empty()))
        .transform(done -> {
          if (done.failed()) {
            throttle.abandoned(username, address);
            return Future.failedFuture(done.cause());
          }
          if (done.result().isEmpty()) {
            int failures = throttle.failed(username, address);
            LOG.warn("sign-in failed for user '{}' from {} ({} in a row)", printable(username), address, failures);
            return Future.failedFuture(Problem.unauthorized("unknown user or wrong password"));
          }
          throttle.succeeded(username, address);
          AppUserRecord u = done.result().get();
          Principal principal = new Principal(u.getId(), u.getUsername(), u.getRole(), u.getScopeId());
          return Future.succeededFuture(new SignedIn(authenticator.issue(principal), principal));
        });
  }

  /** A name as typed by anyone, safe for one log line: printable ASCII only, at most 64 characters. */
  static String printable(String username) {
    String clean = username.replaceAll("[^\\x21-\\x7e]", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
  }

  /** An admin disables a user (its tokens stop working within seconds) or enables it again. */
  public Future<UserView> setDisabled(Principal caller, long userId, boolean disabled) {
    if (disabled && caller.userId() == userId) {
      return Future.failedFuture(new Problem(422, "cannot-disable-self", "Request cannot be processed",
          "an admin cannot disable their own account", "disabled"));
    }
    return database.tx(db -> {
      AppUserRecord user = users.find(db, userId).orElseThrow(() -> Problem.notFound("user", Long.toString(userId)));
      users.setDisabled(db, userId, disabled, caller.userId());
      return new UserView(new Principal(user.getId(), user.getUsername(), user.getRole(),
          user.getScopeId()), disabled);
    }).onSuccess(view -> {
      activeUsers.changed(userId);
      LOG.info("user {} '{}' {} by user {}", userId, view.user().username(), disabled ? "disabled" : "enabled",
          caller.userId());
    });
  }

  public Future<Principal> createUser(String username, String password, Role role, String scopeId) {
    try {
      policy.check(username, password);
    } catch (Problem weak) {
      return Future.failedFuture(weak);
    }
    // hashed before the transaction, on the hashing executor: the transaction only stores the hash
    return passwords.hashing(password).compose(hash -> database.tx(db -> {
      if (role == Role.COOP || role == Role.BUYER || role == Role.HOUSEHOLD) {
        long entity = Long.parseLong(scopeId);
        if (!users.scopeEntityExists(db, role, entity)) {
          throw Problem.badRequest("scopeId", "no " + role.name().toLowerCase() + " with id " + scopeId);
        }
      }
      long id = ids.next();
      if (!users.insert(db, id, username, hash, role, scopeId)) {
        throw Problem.conflict("username-taken", "username " + username + " is already taken (names are unique regardless of case)", "username");
      }
      return new Principal(id, username, role, scopeId);
    }));
  }

  /**
   * On an empty database, creates {@code admin} with the configured password or a random one
   * printed once to the console (never to the log). Two instances racing here are safe: the
   * unique username index lets exactly one insert win.
   */
  public void ensureAdmin(Optional<String> configuredPassword) {
    if (users.anyUser(database.dsl())) {
      return;
    }
    String password = configuredPassword.orElseGet(IdentityService::randomPassword);
    String weakness = policy.weakness(ADMIN_USERNAME, password);
    if (weakness != null) {
      throw new IllegalArgumentException("LEDGER_ADMIN_PASSWORD is refused: " + weakness);
    }
    boolean created = users.insert(database.dsl(), ids.next(), ADMIN_USERNAME, passwords.hash(password), Role.ADMIN, null);
    if (created) {
      LOG.info("created the first user '{}'", ADMIN_USERNAME);
      if (configuredPassword.isEmpty()) {
        System.out.println("\n  First start: user 'admin' created with password  " + password
            + "\n  (shown once; set LEDGER_ADMIN_PASSWORD to choose it)\n");
      }
    }
  }

  private static String randomPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
