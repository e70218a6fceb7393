package cn.bangfu;

import cn.bangfu.bankaccount.BankAccountRepository;
import cn.bangfu.bankaccount.BankAccountRoutes;
import cn.bangfu.bankaccount.BankAccountService;
import cn.bangfu.book.BookRepository;
import cn.bangfu.book.BookRoutes;
import cn.bangfu.book.BookService;
import cn.bangfu.demo.DemoData;
import cn.bangfu.distribution.DistributionRepository;
import cn.bangfu.distribution.DistributionRoutes;
import cn.bangfu.distribution.DistributionService;
import cn.bangfu.distribution.DraftJobs;
import cn.bangfu.distribution.DraftService;
import cn.bangfu.distribution.PayoutFile;
import cn.bangfu.distribution.PeriodFactsRepository;
import cn.bangfu.distribution.NoticePage;
import cn.bangfu.distribution.PublicNotice;
import cn.bangfu.distribution.RuleSetRoutes;
import cn.bangfu.distribution.RuleSets;
import cn.bangfu.identity.ActiveUsers;
import cn.bangfu.identity.Authenticator;
import cn.bangfu.identity.IdentityRoutes;
import cn.bangfu.identity.IdentityService;
import cn.bangfu.identity.PasswordPolicy;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Passwords;
import cn.bangfu.identity.SignInThrottle;
import cn.bangfu.identity.UserRepository;
import cn.bangfu.ledger.AccountDirectory;
import cn.bangfu.ledger.ChainVerifier;
import cn.bangfu.ledger.HashChain;
import cn.bangfu.ledger.JournalPoster;
import cn.bangfu.ledger.LedgerQueries;
import cn.bangfu.ledger.LedgerRepository;
import cn.bangfu.ledger.LedgerRoutes;
import cn.bangfu.ledger.LedgerService;
import cn.bangfu.linkage.LinkageQueries;
import cn.bangfu.linkage.LinkageRoutes;
import cn.bangfu.linkage.LinkageService;
import cn.bangfu.linkage.PlotRepository;
import cn.bangfu.matching.DemandRepository;
import cn.bangfu.matching.DemandRoutes;
import cn.bangfu.matching.DemandService;
import cn.bangfu.monitoring.AlertFeed;
import cn.bangfu.monitoring.MonitoringRoutes;
import cn.bangfu.monitoring.MonitoringService;
import cn.bangfu.monitoring.MonitoringSettings;
import cn.bangfu.orders.OrderRepository;
import cn.bangfu.orders.OrderRoutes;
import cn.bangfu.orders.OrderService;
import cn.bangfu.orders.OrderTransitions;
import cn.bangfu.orders.ProcurementRepository;
import cn.bangfu.orders.ProcurementRoutes;
import cn.bangfu.orders.ProcurementService;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Config;
import cn.bangfu.platform.ResponseTimes;
import cn.bangfu.platform.Csrf;
import cn.bangfu.platform.StaticFiles;
import cn.bangfu.platform.WebPages;
import cn.bangfu.statements.HouseholdPage;
import cn.bangfu.web.Pages;
import cn.bangfu.web.SignInPages;
import cn.bangfu.web.WebSessionRepository;
import cn.bangfu.web.WebSessions;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.EmbeddedDatabase;
import cn.bangfu.platform.FieldCipher;
import cn.bangfu.platform.FormBodies;
import cn.bangfu.platform.Idempotency;
import cn.bangfu.platform.IdempotencyRepository;
import cn.bangfu.platform.Health;
import cn.bangfu.platform.HttpVerticle;
import cn.bangfu.platform.HouseholdChanges;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.KeyCheck;
import cn.bangfu.platform.NodeLease;
import cn.bangfu.platform.OpenApi;
import cn.bangfu.platform.ProblemHandler;
import cn.bangfu.platform.RateLimit;
import cn.bangfu.platform.RequestTarget;
import cn.bangfu.platform.Secrets;
import cn.bangfu.platform.SecurityHeaders;
import cn.bangfu.registry.CooperativeBookRepository;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.RegistryRoutes;

import cn.bangfu.book.BookRepository;
import cn.bangfu.book.BookRoutes;
import cn.bangfu.book.BookService;
import cn.bangfu.book.BookStatements;

import cn.bangfu.coop.BookPage;
import cn.bangfu.coop.CoopPage;
import cn.bangfu.coop.ReportsPage;
import cn.bangfu.regulator.RegulatorPage;
import cn.bangfu.buyer.BuyerPage;
import cn.bangfu.coop.DistributionWizard;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.statements.StatementRepository;
import cn.bangfu.statements.StatementRoutes;
import cn.bangfu.statements.StatementService;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.LotRoutes;
import cn.bangfu.supply.LotService;
import cn.bangfu.welfare.WelfarePostRepository;
import cn.bangfu.welfare.WelfarePostRoutes;
import cn.bangfu.welfare.WelfarePostService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the service: database (embedded or LEDGER_DB_URL), migrations, keys, the capabilities'
 * routes, and the HTTP server. {@link #start} returns once the server answers; {@link #stop}
 * finishes in-flight requests before closing the pool and the embedded database.
 */
public final class LedgerServer {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerServer.class);
  /** Where uploaded files wait while their request is handled (deleted at its end); not the working directory. */
  private static final java.nio.file.Path UPLOADS = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
      "bangfu-uploads");

  private final Config config;
  private Vertx vertx;
  private EmbeddedDatabase embedded;
  private Database database;
  private String httpDeployment;
  private final Queue<HttpVerticle> verticles = new ConcurrentLinkedQueue<>();
  private volatile List<Api.RouteSpec> routes = List.of();
  private volatile List<Pages.PageSpec> pageRoutes = List.of();
  private JournalPoster ledger;
  /** Registry and distribution tell monitoring which households a committed write changed. */
  private final HouseholdChanges householdChanges = new HouseholdChanges();
  private BookService book;
  private DraftJobs draftJobs;
  private Database ledgerAccountCreator;
  /** Business time for every capability (issue 18): the configured clock, in Beijing's calendar. */
  private final BusinessClock clock;
  private NodeLease nodeLease;
  private MonitoringService monitoring;
  private long dailyTimer = -1;
  private Router tableRouter;
  private io.micrometer.core.instrument.MeterRegistry meters;

  public LedgerServer(Config config) {
    this.config = config;
    this.clock = new BusinessClock(config.clock());
  }

  public LedgerServer start() {
    long started = System.nanoTime();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ResponseTimes.configure(registry);
    meters = registry;
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(ResponseTimes.options()))
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
      // one migrator per cluster, the others wait for its schema (issue 19 point 3)
      boolean migrated = database.prepareSchema(config.schemaMigration(), Database.SCHEMA_PATIENCE);
      LOG.info("schema {} ({} ms since start)", migrated ? "migrated" : "ready, migrated by another party",
          (System.nanoTime() - started) / 1_000_000);
      Secrets secrets = Secrets.load(config.masterKey(), config.dataDir());
      KeyCheck.verify(database.dsl(), secrets, clock);
      // the id node: pinned by LEDGER_NODE_ID, else leased so no two instances share it (issue 18 point 7)
      nodeLease = Ids.pinnedNode().isPresent() ? null : NodeLease.acquire(vertx, database);
      Ids ids = nodeLease != null ? new Ids(nodeLease.nodeId()) : Ids.forThisProcess();
      LOG.info("id node {}", nodeLease != null ? "leased: " + nodeLease.nodeId() : "pinned by LEDGER_NODE_ID");
      HashChain hashChain = new HashChain(secrets.derive("ledger-hash-chain"));
      LedgerRepository ledgerRepository = new LedgerRepository();
      // a small pool of its own: ledger accounts are created and committed outside the posting transaction
      // its retries count in the same ledger_tx_retries_total as the main pool's (issue 19 point 2)
      ledgerAccountCreator = Database.connect(vertx, jdbcUrl, dbUser, dbPassword, 2, registry, "ledger-accounts");
      ledger = new JournalPoster(ledgerRepository,
          new AccountDirectory(ledgerRepository, ledgerAccountCreator, ids, clock), hashChain, ids, clock);
      LedgerQueries ledgerQueries = new LedgerQueries();
      LedgerService ledgerService = new LedgerService(database, ledgerQueries, ledgerRepository,
          new ChainVerifier(hashChain, ledgerQueries), new ParticipantRepository());

      UserRepository userRepository = new UserRepository(clock);
      ActiveUsers activeUsers = new ActiveUsers(database, userRepository);
      Authenticator authenticator = new Authenticator(vertx, secrets.derive("jwt-signing"), config.tokenTtlSeconds(),
          activeUsers);
      IdentityService identity = new IdentityService(database, userRepository, new Passwords(vertx), authenticator, ids,
          new PasswordPolicy(), new SignInThrottle(), activeUsers);
      identity.ensureAdmin(config.adminPassword());
      LOG.info("identity ready ({} ms since start)", (System.nanoTime() - started) / 1_000_000);
      ParticipantRepository participants = new ParticipantRepository();
      RegistryService registryService = new RegistryService(database, participants,
          new CooperativeBookRepository(),
          new FieldCipher(secrets.derive("id-number-encryption"), secrets.derive("id-number-hash")), ids, clock,
          householdChanges);

      BookService book = new BookService(database, ledger, new BookRepository(), participants, ids, clock,
          householdChanges);
      this.book = book;
      int legacyCosts = book.bookLegacyCosts().await(60, TimeUnit.SECONDS);
      if (legacyCosts > 0) {
        LOG.info("booked {} costs recorded before the chart of accounts", legacyCosts);
      }

      // every service, cache and limit exists once and is shared by the HTTP verticles; each capability
      // mounts its own routes (its *Routes.mount), this class only hands them their services
      RateLimit anonymousWrites = Api.anonymousWriteLimit();
      MarketServices market = marketServices(registryService, ids);
      // payout accounts (issue 14 point 9): their own keys, so an identity-number key never opens an account
      BankAccountService bankAccounts = new BankAccountService(database, new BankAccountRepository(), participants,
          new FieldCipher(secrets.derive("bank-account-encryption"), secrets.derive("bank-account-hash")), clock);
      WelfarePostService welfarePosts = new WelfarePostService(database, new WelfarePostRepository(), participants,
          new CooperativeBookRepository(), ids, clock);
      DistributionServices distributions = distributionServices(ruleSets, ids, participants, bankAccounts);
      this.draftJobs = distributions.draftJobs();
      MonitoringService monitoring = new MonitoringService(database, participants,
          MonitoringSettings.from(System.getenv()), new AlertFeed(vertx), ids, clock);
      // the pages for people (issue 15): sessions in the database, so any instance serves any browser
      WebPages webPages = new WebPages();
      WebSessions webSessions = new WebSessions(database, new WebSessionRepository(), clock, config.tokenTtlSeconds());
      Csrf csrf = new Csrf(secrets.derive("web-csrf"));
      StaticFiles staticFiles = new StaticFiles();
      LinkageService linkage = new LinkageService(database, registryService, new PlotRepository(),
          new LinkageQueries(), ruleSets, ids, clock);

      BookStatements bookStatements = new BookStatements(database, participants);
      householdChanges.watch(monitoring::reevaluate);
      this.monitoring = monitoring;
      if (config.dailyCheckMinutes() > 0) {
        // every instance checks; the database lets one of them evaluate each business day (MonitoringService)
        long every = TimeUnit.MINUTES.toMillis(config.dailyCheckMinutes());
        dailyTimer = vertx.setPeriodic(every, every, id -> monitoring.evaluateDaily()
            .onSuccess(ran -> ran.ifPresent(day -> LOG.info("daily monitoring evaluation {}", day.encode())))
            .onFailure(e -> LOG.warn("daily monitoring evaluation failed; the next check tries again", e)));
      }
      Consumer<Api<Principal>> capabilities = api -> {
        Pages pages = new Pages(api.router(), webSessions, csrf, webPages);
        SignInPages.mount(pages, identity, webSessions);
        distributions.mountPages(pages, monitoring);
        CoopPage.mount(pages, market.lots(), market.orders(), market.transitions());
        DistributionWizard.mount(pages, ruleSets, distributions.draftJobs(), distributions.lifecycle(),
            distributions.payouts());
        ReportsPage.mount(pages, bookStatements, market.procurement(), registryService);
        BookPage.mount(pages, registryService, book);
        BuyerPage.mount(pages, new BuyerPage.Services(market.lots(), market.demands(), market.orders(),
            market.transitions(), market.procurement()));
        RegulatorPage.mount(pages, new RegulatorPage.Services(ruleSets, distributions.lifecycle(), registryService,
            monitoring, market.procurement()));
        staticFiles.mount(api.router());
        pageRoutes = pages.routes();
        Health.mount(api, database, registry);
        IdentityRoutes.mount(api, identity);
        RegistryRoutes.mount(api, registryService);
        RuleSetRoutes.mount(api, ruleSets);
        LotRoutes.mount(api, market.lots());
        DemandRoutes.mount(api, market.demands());
        OrderRoutes.mount(api, market.orders(), market.transitions());
        ProcurementRoutes.mount(api, market.procurement());
        LedgerRoutes.mount(api, ledgerService);
        BookRoutes.mount(api, book, bookStatements);
        DistributionRoutes.mount(api, authenticator, distributions.drafts(), distributions.lifecycle(),
            distributions.notice(), distributions.payouts());
        StatementRoutes.mount(api, distributions.statements());
        distributions.noticePage().mount(api.router()); // the 公示 as a page for people (issue 15): HTML, not an API operation
        WelfarePostRoutes.mount(api, welfarePosts);
        BankAccountRoutes.mount(api, bankAccounts);
        MonitoringRoutes.mount(api, monitoring);
        LinkageRoutes.mount(api, linkage);
        OpenApi.mount(api); // last: it describes every route mounted above
      };
      // the route table, for tests and the malformed-path check; every verticle's router mounts the same one
      Api<Principal> table = new Api<>(Router.router(vertx), authenticator, anonymousWrites);
      capabilities.accept(table);
      routes = table.routes();
      tableRouter = table.router();

      DemoData.Loaded demo = config.demo() ? DemoData.load(registryService, identity, book) : null;
      int instances = httpInstances();
      // port 0 would give every instance its own random port; a negative port makes Vert.x pick one
      // random port and share it among the instances
      int port = config.httpPort() == 0 ? -1 : config.httpPort();
      HttpServerOptions options = new HttpServerOptions().setPort(port).setHost("0.0.0.0")
          .setCompressionSupported(true);
      httpDeployment = vertx.deployVerticle(() -> {
        HttpVerticle verticle = new HttpVerticle(options, () -> router(authenticator, anonymousWrites, capabilities,
            webPages));
        verticles.add(verticle);
        return verticle;
      }, new DeploymentOptions().setInstances(instances)).await(30, TimeUnit.SECONDS);
      LOG.info("ledger server listening on port {} with {} HTTP event loops (ready in {} ms)", port(), instances,
          (System.nanoTime() - started) / 1_000_000);
      if (config.demo()) {
        System.out.println(DemoData.signInText(port()));
      }
      if (demo != null) {
        demo.playMarketYear(port(), clock.today(), config.minPublicityDays());
      }
      return this;
    } catch (Exception e) {
      stop();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * {@code java -jar ledger-server.jar migrate}: brings the schema to this build's version and returns
   * without serving; the way to migrate a cluster before (or while) its instances start.
   */
  public void migrateOnly() {
    vertx = Vertx.vertx();
    try {
      String jdbcUrl = config.dbUrl().orElseGet(() -> {
        embedded = EmbeddedDatabase.start(config.dataDir());
        return embedded.jdbcUrl("ledger");
      });
      database = Database.connect(vertx, jdbcUrl, embedded != null ? embedded.user() : config.dbUser(),
          embedded != null ? embedded.password() : config.dbPassword(), 2, null);
      database.migrate();
    } finally {
      stop();
    }
  }

  /** One verticle's router: the request checks every answer needs, then the capabilities' routes. */
  private Router router(Authenticator authenticator, RateLimit anonymousWrites, Consumer<Api<Principal>> capabilities,
      WebPages webPages) {
    Router router = Router.router(vertx);
    Api<Principal> api = new Api<>(router, authenticator, anonymousWrites);
    // before anything reads the request: the header policy on every answer, and the path and
    // query checked for malformed percent-encoding (issue 12, findings 9 and 5)
    router.route().handler(new SecurityHeaders());
    // the business day every date check of a request reads (Body, route checks): one clock per server
    router.route().handler(ctx -> {
      ctx.put(BusinessClock.CONTEXT_KEY, clock);
      ctx.next();
    });
    router.route().handler(new RequestTarget(() -> routes));
    router.route().handler(new FormBodies());
    // A page's file upload (a season's deliveries, issue 16): only a POST to a path ending in /upload keeps
    // the file, in a temporary directory, deleted when the request ends; everywhere else BodyHandler drops
    // uploads. The BodyHandler below sees this one ran and passes.
    router.post().pathRegex(".*/upload").handler(BodyHandler.create(UPLOADS.toString())
        .setBodyLimit(config.maxBodyBytes()).setDeleteUploadedFilesOnEnd(true));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    capabilities.accept(api);
    ProblemHandler problems = new ProblemHandler(webPages);
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }

  /**
   * HTTP verticles to deploy: LEDGER_HTTP_INSTANCES (environment) or -Dledger.http.instances, else one
   * per core. Read here rather than in {@link Config} so the record keeps its shape.
   */
  public static int httpInstances() {
    String configured = System.getProperty("ledger.http.instances", System.getenv("LEDGER_HTTP_INSTANCES"));
    if (configured == null || configured.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int instances = Integer.parseInt(configured.strip());
      if (instances >= 1 && instances <= 256) {
        return instances;
      }
    } catch (NumberFormatException e) {
      // refused below with the value
    }
    throw new IllegalArgumentException("LEDGER_HTTP_INSTANCES must be a whole number from 1 to 256, not '"
        + configured + "'");
  }

  private record DistributionServices(DraftService drafts, DraftJobs draftJobs, DistributionService lifecycle,
      PublicNotice notice, PayoutFile payouts, StatementService statements, NoticePage noticePage) {
    void mountPages(Pages pages, MonitoringService monitoring) {
      HouseholdPage.mount(pages, statements, lifecycle, monitoring);
    }
  }

  private DistributionServices distributionServices(RuleSetCatalog ruleSets, Ids ids,
      ParticipantRepository participants, BankAccountService bankAccounts) {
    DistributionRepository runs = new DistributionRepository();
    DistributionService lifecycle = new DistributionService(database, runs, ledger, ids, config.minPublicityDays(), clock,
        householdChanges);
    DraftService drafts = new DraftService(database, new PeriodFactsRepository(), runs, lifecycle, ruleSets, ids, clock);
    PublicNotice notice = new PublicNotice(database, runs);
    DraftJobs draftJobs = new DraftJobs(database, drafts, runs, ids, clock);
    return new DistributionServices(drafts, draftJobs, lifecycle, notice,
        new PayoutFile(database, runs, lifecycle, bankAccounts),
        new StatementService(database, new StatementRepository(), participants),
        new NoticePage(database, notice, runs, ruleSets, new WebPages(), clock, config.publicBaseUrl()));
  }

  /** Lots, demands and matching, orders, procurement summaries (issue 4). */
  private record MarketServices(LotService lots, DemandService demands, OrderService orders,
      OrderTransitions transitions, ProcurementService procurement) {
  }

  private MarketServices marketServices(RegistryService registryService, Ids ids) {
    ParticipantRepository participants = new ParticipantRepository();
    LotRepository lotRepository = new LotRepository();
    DemandRepository demandRepository = new DemandRepository();
    OrderRepository orderRepository = new OrderRepository();
    LotService lots = new LotService(database, lotRepository, participants, ids, clock);
    DemandService demands = new DemandService(database, demandRepository, participants, lots, ids, clock);
    Idempotency idempotency = new Idempotency(database, new IdempotencyRepository(), ids, clock);
    OrderService orders = new OrderService(database, orderRepository, lotRepository, demandRepository, participants,
        idempotency, ids, clock);
    OrderTransitions transitions = new OrderTransitions(orders, orderRepository, lotRepository, idempotency,
        ledger);
    return new MarketServices(lots, demands, orders, transitions, new ProcurementService(database,
        new ProcurementRepository(), participants, registryService));
  }

  public int port() {
    return verticles.peek().actualPort();
  }

  /** Connections accepted so far by each HTTP event loop (one entry per verticle instance). */
  public List<Long> connectionsPerEventLoop() {
    return verticles.stream().map(HttpVerticle::connections).toList();
  }

  /** The server's meters (also on GET /metrics): the benchmark reads the pages' response times from them. */
  public io.micrometer.core.instrument.MeterRegistry meters() {
    return meters;
  }

  public Database database() {
    return database;
  }

  /** The cooperative book's service (tests book legacy costs through it). */
  public BookService book() {
    return book;
  }

  /** The accountant's page's draft jobs (tests await a job's end through it rather than polling its page). */
  public DraftJobs draftJobs() {
    return draftJobs;
  }

  /** The ledger every capability posts through (orders, distributions), inside its own transaction. */
  public JournalPoster ledger() {
    return ledger;
  }

  public List<Api.RouteSpec> routes() {
    return routes;
  }

  /** The pages for people (issue 15): not API operations, so apart from {@link #routes()}. */
  public List<Pages.PageSpec> pageRoutes() {
    return pageRoutes;
  }

  /** The business clock this server reads time from. */
  public MonitoringService monitoring() {
    return monitoring;
  }

  public BusinessClock clock() {
    return clock;
  }

  /** The id node this instance leased, or -1 when LEDGER_NODE_ID pins it. */
  public int nodeId() {
    return nodeLease != null ? nodeLease.nodeId() : -1;
  }

  /**
   * A router mounted exactly like each HTTP verticle's (the one the route table was read from), for
   * tests that check nothing is mounted outside the route table.
   */
  public Router router() {
    return tableRouter;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Graceful: every HTTP verticle stops accepting and lets its in-flight requests finish (up to 20 s,
   * in parallel), then the database closes.
   */
  public synchronized void stop() {
    try {
      if (httpDeployment != null) {
        vertx.undeploy(httpDeployment).await(25, TimeUnit.SECONDS);
        httpDeployment = null;
      }
    } catch (Exception e) {
      LOG.warn("http server did not shut down cleanly: {}", e.getMessage());
    }
    if (dailyTimer >= 0 && vertx != null) {
      vertx.cancelTimer(dailyTimer);
      dailyTimer = -1;
    }
    if (nodeLease != null) {
      nodeLease.close(); // the node is free for the next instance at once, not after the lease expires
      nodeLease = null;
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
