package cn.bangfu;

import cn.bangfu.demo.DemoData;
import cn.bangfu.distribution.DistributionRepository;
import cn.bangfu.distribution.DistributionRoutes;
import cn.bangfu.distribution.DistributionService;
import cn.bangfu.distribution.DraftService;
import cn.bangfu.distribution.PayoutFile;
import cn.bangfu.distribution.PeriodFactsRepository;
import cn.bangfu.distribution.PublicNotice;
import cn.bangfu.distribution.RuleSetRoutes;
import cn.bangfu.distribution.RuleSets;
import cn.bangfu.identity.ActiveUsers;
import cn.bangfu.identity.Authenticator;
import cn.bangfu.identity.IdentityRoutes;
import cn.bangfu.identity.IdentityService;
import cn.bangfu.identity.PasswordPolicy;
import cn.bangfu.identity.Passwords;
import cn.bangfu.identity.SignInThrottle;
import cn.bangfu.identity.UserRepository;
import cn.bangfu.matching.DemandRepository;
import cn.bangfu.matching.DemandRoutes;
import cn.bangfu.matching.DemandService;
import cn.bangfu.orders.Idempotency;
import cn.bangfu.orders.IdempotencyRepository;
import cn.bangfu.orders.OrderRepository;
import cn.bangfu.orders.OrderRoutes;
import cn.bangfu.orders.OrderService;
import cn.bangfu.orders.OrderTransitions;
import cn.bangfu.orders.ProcurementRepository;
import cn.bangfu.orders.ProcurementRoutes;
import cn.bangfu.orders.ProcurementService;
import cn.bangfu.ledger.AccountDirectory;
import cn.bangfu.ledger.ChainVerifier;
import cn.bangfu.ledger.HashChain;
import cn.bangfu.ledger.JournalPoster;
import cn.bangfu.ledger.LedgerQueries;
import cn.bangfu.ledger.LedgerRepository;
import cn.bangfu.ledger.LedgerRoutes;
import cn.bangfu.ledger.LedgerService;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Config;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.EmbeddedDatabase;
import cn.bangfu.platform.FieldCipher;
import cn.bangfu.platform.FormBodies;
import cn.bangfu.platform.Health;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.KeyCheck;
import cn.bangfu.platform.OpenApi;
import cn.bangfu.platform.ProblemHandler;
import cn.bangfu.platform.RequestTarget;
import cn.bangfu.platform.Secrets;
import cn.bangfu.platform.SecurityHeaders;
import cn.bangfu.registry.CooperativeBookRepository;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.RegistryRoutes;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.statements.StatementRepository;
import cn.bangfu.statements.StatementRoutes;
import cn.bangfu.statements.StatementService;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.LotRoutes;
import cn.bangfu.supply.LotService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the service: database (embedded or LEDGER_DB_URL), migrations, keys, the capabilities'
 * routes, and the HTTP server. {@link #start} returns once the server answers; {@link #stop}
 * finishes in-flight requests before closing the pool and the embedded database.
 */
public final class LedgerServer {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerServer.class);

  private final Config config;
  private Vertx vertx;
  private EmbeddedDatabase embedded;
  private Database database;
  private HttpServer http;
  private Api api;
  private JournalPoster ledger;
  private Database ledgerAccountCreator;

  public LedgerServer(Config config) {
    this.config = config;
  }

  public LedgerServer start() {
    long started = System.nanoTime();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    try {
      String jdbcUrl = config.dbUrl().orElseGet(() -> {
        embedded = EmbeddedDatabase.start(config.dataDir());
        return embedded.jdbcUrl("ledger");
      });
      // LEDGER_DB_USER/PASSWORD are for LEDGER_DB_URL; the embedded database has its own generated account
      String dbUser = embedded != null ? embedded.user() : config.dbUser();
      String dbPassword = embedded != null ? embedded.password() : config.dbPassword();
      RuleSetCatalog ruleSets = RuleSets.load(System.getenv("LEDGER_RULES_DIR"));
      database = Database.connect(vertx, jdbcUrl, dbUser, dbPassword, config.dbPoolSize(), registry);
      database.migrate();
      LOG.info("schema migrated ({} ms since start)", (System.nanoTime() - started) / 1_000_000);
      Secrets secrets = Secrets.load(config.masterKey(), config.dataDir());
      KeyCheck.verify(database.dsl(), secrets);
      Ids ids = Ids.forThisProcess();
      HashChain hashChain = new HashChain(secrets.derive("ledger-hash-chain"));
      LedgerRepository ledgerRepository = new LedgerRepository();
      // a small pool of its own: ledger accounts are created and committed outside the posting transaction
      ledgerAccountCreator = Database.connect(vertx, jdbcUrl, dbUser, dbPassword, 2, null);
      ledger = new JournalPoster(ledgerRepository,
          new AccountDirectory(ledgerRepository, ledgerAccountCreator.dataSource(), ids), hashChain, ids);
      LedgerQueries ledgerQueries = new LedgerQueries();
      LedgerService ledgerService = new LedgerService(database, ledgerQueries, ledgerRepository,
          new ChainVerifier(hashChain, ledgerQueries), new ParticipantRepository());

      UserRepository userRepository = new UserRepository();
      ActiveUsers activeUsers = new ActiveUsers(database, userRepository);
      Authenticator authenticator = new Authenticator(vertx, secrets.derive("jwt-signing"), config.tokenTtlSeconds(),
          activeUsers);
      IdentityService identity = new IdentityService(database, userRepository, new Passwords(), authenticator, ids,
          new PasswordPolicy(), new SignInThrottle(), activeUsers);
      identity.ensureAdmin(config.adminPassword());
      LOG.info("identity ready ({} ms since start)", (System.nanoTime() - started) / 1_000_000);
      ParticipantRepository participants = new ParticipantRepository();
      RegistryService registryService = new RegistryService(database, participants,
          new CooperativeBookRepository(),
          new FieldCipher(secrets.derive("id-number-encryption"), secrets.derive("id-number-hash")), ids);

      Router router = Router.router(vertx);
      // before anything reads the request: the header policy on every answer, and the path and
      // query checked for malformed percent-encoding (issue 12, findings 9 and 5)
      router.route().handler(new SecurityHeaders());
      router.route().handler(new RequestTarget(() -> api.routes()));
      router.route().handler(new FormBodies());
      router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
      api = new Api(router, authenticator);
      Health.mount(api, database, registry);
      IdentityRoutes.mount(api, identity);
      RegistryRoutes.mount(api, registryService);
      RuleSetRoutes.mount(api, ruleSets);
      mountMarket(api, registryService, ids);
      LedgerRoutes.mount(api, ledgerService);
      mountDistributions(ruleSets, ids, authenticator, participants);
      OpenApi.mount(api); // last: it describes every route mounted above
      ProblemHandler problems = new ProblemHandler();
      router.route().failureHandler(problems);
      for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
        router.errorHandler(status, problems);
      }

      DemoData.Loaded demo = config.demo() ? DemoData.load(registryService, identity) : null;
      http = vertx.createHttpServer(new HttpServerOptions().setPort(config.httpPort()).setHost("0.0.0.0")
              .setCompressionSupported(true))
          .requestHandler(router)
          // requests Netty cannot parse (request line or headers too long, bad header syntax) never reach the router
          .invalidRequestHandler(ProblemHandler::invalidRequest)
          .listen()
          .await(30, TimeUnit.SECONDS);
      LOG.info("ledger server listening on port {} (ready in {} ms)", http.actualPort(),
          (System.nanoTime() - started) / 1_000_000);
      if (demo != null) {
        demo.playMarketYear(http.actualPort());
      }
      return this;
    } catch (Exception e) {
      stop();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private void mountDistributions(RuleSetCatalog ruleSets, Ids ids, Authenticator authenticator,
      ParticipantRepository participants) {
    DistributionRepository runs = new DistributionRepository();
    DistributionService lifecycle = new DistributionService(database, runs, ledger, ids, config.minPublicityDays());
    DraftService drafts = new DraftService(database, new PeriodFactsRepository(), runs, lifecycle, ruleSets, ids);
    DistributionRoutes.mount(api, authenticator, drafts, lifecycle, new PublicNotice(database, runs),
        new PayoutFile(database, runs, lifecycle));
    StatementRoutes.mount(api, new StatementService(database, new StatementRepository(), participants));
  }

  /** Lots, demands and matching, orders, procurement summaries (issue 4). */
  private void mountMarket(Api api, RegistryService registryService, Ids ids) {
    ParticipantRepository participants = new ParticipantRepository();
    LotRepository lotRepository = new LotRepository();
    DemandRepository demandRepository = new DemandRepository();
    OrderRepository orderRepository = new OrderRepository();
    LotService lots = new LotService(database, lotRepository, participants, ids);
    DemandService demands = new DemandService(database, demandRepository, participants, lots, ids);
    Idempotency idempotency = new Idempotency(database, new IdempotencyRepository(), ids);
    OrderService orders = new OrderService(database, orderRepository, lotRepository, demandRepository, participants,
        idempotency, ids);
    OrderTransitions transitions = new OrderTransitions(orders, orderRepository, lotRepository, idempotency,
        ledger);
    LotRoutes.mount(api, lots);
    DemandRoutes.mount(api, demands);
    OrderRoutes.mount(api, orders, transitions);
    ProcurementRoutes.mount(api, new ProcurementService(database, new ProcurementRepository(), participants,
        registryService));
  }

  public int port() {
    return http.actualPort();
  }

  public Database database() {
    return database;
  }

  /** The ledger every capability posts through (orders, distributions), inside its own transaction. */
  public JournalPoster ledger() {
    return ledger;
  }

  public List<Api.RouteSpec> routes() {
    return api.routes();
  }

  /** The Vert.x router itself, for tests that check nothing is mounted outside the route table. */
  public Router router() {
    return api.router();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Graceful: stop accepting, let in-flight requests finish (up to 20 s), then close the database. */
  public synchronized void stop() {
    try {
      if (http != null) {
        http.shutdown(20, TimeUnit.SECONDS).await(25, TimeUnit.SECONDS);
        http = null;
      }
    } catch (Exception e) {
      LOG.warn("http server did not shut down cleanly: {}", e.getMessage());
    }
    if (ledgerAccountCreator != null) {
      ledgerAccountCreator.close();
      ledgerAccountCreator = null;
    }
    if (database != null) {
      database.close();
      database = null;
    }
    if (vertx != null) {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("vert.x did not close cleanly: {}", e.getMessage());
      }
      vertx = null;
    }
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }
}
