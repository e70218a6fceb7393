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

  public IdentityService(Database database, UserRepository users, Passwords passwords, Authenticator authenticator,
      Ids ids) {
    this.database = database;
    this.users = users;
    this.passwords = passwords;
    this.authenticator = authenticator;
    this.ids = ids;
  }

  public record SignedIn(Authenticator.Token token, Principal principal) {
  }

  public Future<SignedIn> signIn(String username, String password) {
    return database.read(db -> {
      Optional<AppUserRecord> user = users.findByUsername(db, username);
      boolean valid = passwords.verify(user.map(AppUserRecord::getPasswordHash).orElse(null), password);
      if (user.isEmpty() || !valid) {
        throw Problem.unauthorized("unknown user or wrong password");
      }
      AppUserRecord u = user.get();
      Principal principal = new Principal(u.getId(), u.getUsername(), Role.valueOf(u.getRole()), u.getScopeId());
      return new SignedIn(authenticator.issue(principal), principal);
    });
  }

  public Future<Principal> createUser(String username, String password, Role role, String scopeId) {
    return database.tx(db -> {
      String hash = passwords.hash(password);
      if (role == Role.COOP || role == Role.BUYER || role == Role.HOUSEHOLD) {
        long entity = Long.parseLong(scopeId);
        if (!users.scopeEntityExists(db, role, entity)) {
          throw Problem.badRequest("scopeId", "no " + role.name().toLowerCase() + " with id " + scopeId);
        }
      }
      long id = ids.next();
      if (!users.insert(db, id, username, hash, role, scopeId)) {
        throw Problem.conflict("username-taken", "username " + username + " is already taken", "username");
      }
      return new Principal(id, username, role, scopeId);
    });
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
