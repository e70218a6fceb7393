package cn.bangfu.reliability;

import cn.bangfu.reliability.CrashJournal.Order;
import cn.bangfu.reliability.CrashJournal.Placement;
import cn.bangfu.reliability.CrashJournal.Run;
import cn.bangfu.support.Http;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent clients of the crash suite: buyers placing orders (each under its own Idempotency-Key),
 * orders driven to settlement (the settle posts a ledger entry), and per cooperative a distribution
 * run driven draft → publicize → publicity ended → approve → post → paid out. A round runs until the
 * kill trigger fires (after a random number of answered requests, or — in some rounds — the moment a
 * run's post or its payout is sent, whatever the count), then the server is killed under the clients' feet.
 */
final class CrashLoad {
  private static final int LOT_KILOGRAMS = 300;

  private final CrashWorld world;
  private final CrashJournal journal;
  private final CrashChecks db;
  private final List<List<String>> openLots = new ArrayList<>();
  private final List<AtomicBoolean> lotBeingMade = new ArrayList<>();
  private final Run[] currentRun;
  /** Last year, closed (结账) by each cooperative's client before its runs; acknowledged or known closed. */
  static final int LAST_YEAR = CrashWorld.today().getYear() - 1;
  private final boolean[] closed;
  final boolean[] closeAcked;
  private final List<Order> active = new CopyOnWriteArrayList<>();
  private final AtomicInteger runSequence = new AtomicInteger();
  private final AtomicInteger keySequence = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final List<String> unexpected = new CopyOnWriteArrayList<>();

  private volatile Http http;
  private volatile boolean stop;
  private final AtomicInteger answered = new AtomicInteger();
  private volatile int killAfter;
  private volatile KillOn killOn = KillOn.ANSWERS;
  private volatile CountDownLatch trigger = new CountDownLatch(0);
  /** What fired each round's kill first, counted: the suite reports how many kills hit a post or a payout. */
  final Map<KillOn, AtomicInteger> firedBy = Map.of(KillOn.ANSWERS, new AtomicInteger(), KillOn.CLOSE,
      new AtomicInteger(), KillOn.POST, new AtomicInteger(), KillOn.PAYOUT, new AtomicInteger());
  private final AtomicBoolean fired = new AtomicBoolean();

  CrashLoad(CrashWorld world, CrashJournal journal, CrashChecks db) {
    this.world = world;
    this.journal = journal;
    this.db = db;
    for (int c = 0; c < world.coops.size(); c++) {
      openLots.add(new CopyOnWriteArrayList<>());
      lotBeingMade.add(new AtomicBoolean());
    }
    this.currentRun = new Run[world.coops.size()];
    this.closed = new boolean[world.coops.size()];
    this.closeAcked = new boolean[world.coops.size()];
  }

  /**
   * Before the first kill: lots for every cooperative and one settled order each, so runs have a pool; and
   * a subsidy received last year, so last year's 结账 (each cooperative's first step) has income to close.
   */
  void prepare(Http http, Random random) {
    this.http = http;
    for (int c = 0; c < world.coops.size(); c++) {
      CrashWorld.Coop coop = world.coops.get(c);
      Http.Response income = call("POST", "/api/v1/cooperatives/" + coop.id() + "/income", coop.token(),
          new JsonObject().put("amountFen", 50_000).put("category", "SUBSIDY").put("into", "BANK")
              .put("date", LAST_YEAR + "-06-30"), Map.of());
      if (income == null || income.status() != 201) {
        unexpected.add("last year's income: " + (income == null ? "no answer" : income.status() + " " + income.text()));
      }
      for (int i = 0; i < 3; i++) {
        makeLot(c);
      }
      place(random, c);
      Order seed = active.get(active.size() - 1);
      while (!seed.finished()) {
        advance(seed, null);
      }
    }
    if (!unexpected.isEmpty()) {
      throw new IllegalStateException("world preparation failed: " + unexpected);
    }
  }

  /** What, besides a number of answers, fires a round's kill: a 结账, a run's post or its payout being sent. */
  enum KillOn {
    ANSWERS, CLOSE, POST, PAYOUT
  }

  /** One round: load until the trigger fires, then SIGKILL the server while requests are in flight. */
  int round(Http http, ServerProcess server, long seed, int killAfterAnswers, KillOn on, int orderClients)
      throws InterruptedException {
    this.http = http;
    stop = false;
    answered.set(0);
    // a round killed at a post or a payout waits for one (a run reaches it in a few requests), so the kill hits it
    killAfter = on == KillOn.ANSWERS ? killAfterAnswers : Integer.MAX_VALUE;
    killOn = on;
    trigger = new CountDownLatch(1);
    fired.set(false);
    int clients = orderClients + world.coops.size();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch gate = new CountDownLatch(1);
    for (int t = 0; t < clients; t++) {
      Random random = new Random(seed * 31 + t);
      int coop = t - orderClients;
      pool.submit(() -> {
        try {
          gate.await();
          while (!stop) {
            if (coop >= 0) {
              stepRun(coop);
            } else if (random.nextInt(100) < 35 || active.isEmpty()) {
              place(random, random.nextInt(world.coops.size()));
            } else {
              // The oldest live orders first: they are the furthest along, so rounds reach settlement.
              Order order = active.get(random.nextInt(Math.min(active.size(), 2 * orderClients)));
              if (!order.finished() && order.busy.compareAndSet(false, true)) {
                try {
                  advance(order, random);
                } finally {
                  order.busy.set(false);
                }
              }
              active.removeIf(Order::finished);
            }
          }
        } catch (Throwable e) {
          unexpected.add("client failed: " + e);
        }
        return null;
      });
    }
    gate.countDown();
    trigger.await(120, TimeUnit.SECONDS);
    int inFlightAtKill = inFlight.get();
    server.kill();
    stop = true;
    pool.shutdown();
    if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("clients did not stop after the kill");
    }
    return inFlightAtKill;
  }

  /** After a restart: retry in-doubt placements under their keys, read back in-doubt orders and runs. */
  void resolve(Http http) {
    this.http = http;
    for (Placement p : journal.placements.values()) {
      if (p.inDoubt) {
        Http.Response response = sendPlacement(p);
        if (response == null) {
          unexpected.add("retry of placement " + p.key + " failed on a running server");
        } else {
          placed(p, response);
        }
      }
    }
    for (Order o : journal.orders.values()) {
      if (o.inDoubt) {
        reread(o);
      }
    }
    for (Run run : journal.runs) {
      if (run.inDoubt) {
        stepRun(run);
      }
    }
  }

  private Http.Response call(String method, String path, String token, JsonObject body, Map<String, String> headers) {
    inFlight.incrementAndGet();
    try {
      Http.Response response = http.send(method, path, token, body == null ? null : "application/json",
          body == null ? null : body.encode(), headers);
      if (response.status() >= 500) {
        journal.serverError(method + " " + path + " → " + response.status() + " " + response.text());
      }
      return response;
    } catch (IllegalStateException connectionDied) {
      return null;
    } finally {
      inFlight.decrementAndGet();
      if (answered.incrementAndGet() >= killAfter) {
        fire(KillOn.ANSWERS);
      }
    }
  }

  private void place(Random random, int coop) {
    List<String> lots = openLots.get(coop);
    if (lots.size() < 2) {
      makeLot(coop);
    }
    if (lots.isEmpty()) {
      return;
    }
    String lot = lots.get(random.nextInt(lots.size()));
    String quantity = (1 + random.nextInt(25)) + (random.nextInt(4) == 0 ? ".5" : "");
    Placement p = new Placement("crash-" + keySequence.incrementAndGet() + "-" + Long.toHexString(random.nextLong()),
        coop, lot, quantity);
    journal.placements.put(p.key, p);
    Http.Response response = sendPlacement(p);
    if (response == null) {
      journal.doubts.incrementAndGet();
    } else {
      placed(p, response);
    }
  }

  private Http.Response sendPlacement(Placement p) {
    return call("POST", "/api/v1/orders", world.buyerToken,
        new JsonObject().put("lotId", p.lotId).put("quantity", p.quantity), Map.of("Idempotency-Key", p.key));
  }

  private void placed(Placement p, Http.Response response) {
    if (response.status() == 201) {
      JsonObject order = response.body();
      p.orderId = order.getString("id");
      p.inDoubt = false;
      journal.ackedWrites.incrementAndGet();
      Order o = new Order(p.orderId, p.coop, p.lotId, new BigDecimal(order.getString("quantity")),
          order.getLong("amountFen"));
      if (journal.orders.putIfAbsent(o.id, o) == null) {
        active.add(o);
      }
    } else if (response.status() == 409) {
      p.inDoubt = false;
      journal.refused.incrementAndGet();
      openLots.get(p.coop).remove(p.lotId);
    } else if (response.status() < 500) {
      p.inDoubt = false;
      unexpected.add("placement " + p.key + " → " + response.status() + " " + response.text());
    }
  }

  private void makeLot(int coop) {
    if (!lotBeingMade.get(coop).compareAndSet(false, true)) {
      return;
    }
    try {
      CrashWorld.Coop c = world.coops.get(coop);
      Http.Response response = call("POST", "/api/v1/lots", c.token(), CrashWorld.lotBody(c.id(), LOT_KILOGRAMS),
          Map.of());
      if (response != null && response.status() == 201) {
        String id = response.body().getString("id");
        journal.ackedLots.add(id);
        journal.ackedWrites.incrementAndGet();
        openLots.get(coop).add(id);
      } else if (response != null && response.status() < 500) {
        unexpected.add("lot → " + response.status() + " " + response.text());
      }
    } finally {
      lotBeingMade.get(coop).set(false);
    }
  }

  /** One step of an order along confirm → ship → deliver → accept → settle (sometimes a cancel instead). */
  private void advance(Order o, Random random) {
    if (o.inDoubt) {
      reread(o);
      return;
    }
    String coopToken = world.coops.get(o.coop).token();
    String action;
    String token = coopToken;
    JsonObject body = null;
    switch (o.known) {
      case "PLACED" -> {
        boolean cancel = random != null && random.nextInt(10) == 0;
        action = cancel ? "cancel" : "confirm";
        token = cancel ? world.buyerToken : coopToken;
      }
      case "CONFIRMED" -> action = "ship";
      case "SHIPPED" -> action = "deliver";
      case "DELIVERED" -> {
        action = "accept";
        token = world.buyerToken;
        body = new JsonObject().put("acceptedQuantity", o.quantity.toPlainString());
      }
      case "ACCEPTED" -> {
        action = "settle";
        token = world.buyerToken;
        body = new JsonObject().put("amountFen", o.amountFen).put("paymentRef", "BANK-" + o.id)
            .put("settledOn", CrashWorld.today().toString());
      }
      default -> {
        return;
      }
    }
    Http.Response response = call("POST", "/api/v1/orders/" + o.id + "/" + action, token, body,
        Map.of("Idempotency-Key", "step-" + o.id + "-" + action));
    if (response == null || response.status() >= 500 || response.status() == 409) {
      o.inDoubt = true;
      if (response == null) {
        journal.doubts.incrementAndGet();
      }
    } else if (response.status() == 200) {
      o.known = response.body().getString("status");
      o.acked = o.known;
      journal.ackedWrites.incrementAndGet();
    } else {
      unexpected.add(action + " of order " + o.id + " → " + response.status() + " " + response.text());
      o.known = "ABANDONED";
    }
  }

  private void reread(Order o) {
    Http.Response response = call("GET", "/api/v1/orders/" + o.id, world.buyerToken, null, Map.of());
    if (response != null && response.status() == 200) {
      o.known = response.body().getString("status");
      o.inDoubt = false;
    }
  }

  private void fire(KillOn cause) {
    if (fired.compareAndSet(false, true)) {
      firedBy.get(cause).incrementAndGet();
    }
    trigger.countDown();
  }

  /**
   * Last year's 结账: income and cost into 本年盈余 and 盈余分配, the year closed. Sent again while its answer
   * is lost; "already closed" then says the lost one went through.
   */
  private void close(int coop) {
    CrashWorld.Coop c = world.coops.get(coop);
    if (killOn == KillOn.CLOSE) {
      fire(KillOn.CLOSE);
    }
    Http.Response response = call("POST", "/api/v1/cooperatives/" + c.id() + "/periods/" + LAST_YEAR + "/close",
        c.token(), new JsonObject(), Map.of());
    if (response == null || response.status() >= 500) {
      if (response == null) {
        journal.doubts.incrementAndGet();
      }
      return;
    }
    if (response.status() == 200) {
      closeAcked[coop] = true;
      journal.ackedWrites.incrementAndGet();
      closed[coop] = true;
    } else if (response.status() == 409 && response.text().contains("year-closed")) {
      closed[coop] = true;
    } else {
      unexpected.add("结账 of " + LAST_YEAR + " → " + response.status() + " " + response.text());
      closed[coop] = true;
    }
  }

  private void stepRun(int coop) {
    if (!closed[coop]) {
      close(coop);
      return;
    }
    Run run = currentRun[coop];
    if (run == null || "POSTED".equals(run.known) && run.paid || "ABANDONED".equals(run.known)) {
      // Periods shorter than a year: a posted run covering a whole calendar year would close it (结账)
      // and refuse every later run overlapping it
      // and none reaching into last year, closed (结账) by then
      LocalDate start = CrashWorld.today().minusDays(360).plusDays(runSequence.getAndIncrement());
      LocalDate firstOfYear = CrashWorld.today().withDayOfYear(1);
      run = new Run(coop, (start.isBefore(firstOfYear) ? firstOfYear : start).toString());
      journal.runs.add(run);
      currentRun[coop] = run;
    }
    stepRun(run);
  }

  /** One step of a distribution run; a step whose answer was lost is read back before going on. */
  private void stepRun(Run run) {
    CrashWorld.Coop coop = world.coops.get(run.coop);
    if (run.inDoubt && run.id != null) {
      Http.Response response = call("GET", "/api/v1/distributions/" + run.id, coop.token(), null, Map.of());
      if (response != null && response.status() == 200) {
        run.known = response.body().getString("status");
        run.paid = response.body().getValue("paidAt") != null;
        run.inDoubt = false;
      }
      return;
    }
    String path;
    String token = coop.token();
    JsonObject body = new JsonObject();
    if (run.known == null) {
      path = "/api/v1/cooperatives/" + coop.id() + "/distributions";
      body.put("ruleSetId", "coop-surplus-60").put("periodStart", run.periodStart)
          .put("periodEnd", CrashWorld.today().toString());
    } else {
      switch (run.known) {
        case "DRAFT" -> {
          path = "/api/v1/distributions/" + run.id + "/publicize";
          // the suite's servers run with LEDGER_MIN_PUBLICITY_DAYS=0: a publicity of 0 days is over at
          // once, so approval needs no moving of time (these servers are processes no test clock reaches)
          body.put("days", 0);
        }
        case "PUBLICIZED" -> {
          path = "/api/v1/distributions/" + run.id + "/approve";
          token = world.regulatorToken;
        }
        case "APPROVED" -> {
          path = "/api/v1/distributions/" + run.id + "/post";
          if (killOn == KillOn.POST) {
            fire(KillOn.POST);
          }
        }
        case "POSTED" -> {
          if (run.paid) {
            return;
          }
          // the payout (一卡通): payables to paid and the bank account down, once however often it is sent
          path = "/api/v1/distributions/" + run.id + "/paid";
          body.put("paidOn", CrashWorld.today().toString());
          if (killOn == KillOn.PAYOUT) {
            fire(KillOn.PAYOUT);
          }
        }
        default -> {
          return;
        }
      }
    }
    Http.Response response = call("POST", path, token, body, Map.of());
    if (response != null && response.status() == 409 && response.text().contains("nothing-to-distribute")) {
      // The previous posted run took every settled sale so far: this draft is left as a report
      run.known = "ABANDONED";
      run.inDoubt = false;
    } else if (response != null && response.status() == 409 && ++run.conflicts > 5) {
      unexpected.add(path + " refused again and again: " + response.text());
      run.known = "ABANDONED";
      run.inDoubt = false;
    } else if (response == null || response.status() >= 500 || response.status() == 409) {
      run.inDoubt = true;
      if (response == null) {
        journal.doubts.incrementAndGet();
      }
    } else if (response.status() == 200 || response.status() == 201) {
      run.id = response.body().getString("id");
      run.known = response.body().getString("status");
      run.acked = run.known;
      if (response.body().getValue("paidAt") != null) {
        run.paid = true;
        run.paidAcked = true;
      }
      run.inDoubt = false;
      journal.ackedWrites.incrementAndGet();
    } else {
      unexpected.add(path + " → " + response.status() + " " + response.text());
      run.known = "ABANDONED";
      run.inDoubt = false;
    }
  }
}
