package cn.bangfu.orders;

import cn.bangfu.platform.Idempotency;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.DemandRecord;
import cn.bangfu.db.tables.records.LotRecord;
import cn.bangfu.db.tables.records.OrderHistoryRecord;
import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.matching.DemandRepository;
import cn.bangfu.platform.Idempotency.Outcome;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.SupplyJson;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Placing 以购代捐 orders and reading them. Placement is one transaction: the lot's quantity is
 * taken by one conditional UPDATE (no oversell, whatever the concurrency and however many server
 * instances), the order and its first history line are inserted, and the Idempotency-Key record
 * is stored with the response. Transitions live in {@link OrderTransitions}.
 */
public final class OrderService {
  private static final int MAX_KNOWN_BUYERS = 100_000;
  private static final int MAX_KNOWN_LOTS = 100_000;

  private final Database database;
  private final BusinessClock clock;
  private final OrderRepository orders;
  private final LotRepository lots;
  private final DemandRepository demands;
  private final ParticipantRepository participants;
  private final Idempotency idempotency;
  private final Ids ids;
  /**
   * Buyers seen to exist: buyers are never deleted, so a placement need not read the row again.
   * Caffeine bounds both caches by evicting the least useful entries, not by forgetting all at once.
   */
  private final Cache<Long, Boolean> knownBuyers = Caffeine.newBuilder().maximumSize(MAX_KNOWN_BUYERS).build();
  private final Cache<Long, LotTerms> knownLots = Caffeine.newBuilder().maximumSize(MAX_KNOWN_LOTS).build();

  public OrderService(Database database, OrderRepository orders, LotRepository lots, DemandRepository demands,
      ParticipantRepository participants, Idempotency idempotency, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.database = database;
    this.orders = orders;
    this.lots = lots;
    this.demands = demands;
    this.participants = participants;
    this.idempotency = idempotency;
    this.ids = ids;
  }

  public record NewOrder(long lotId, BigDecimal quantity, Long demandId) {
  }

  LocalDateTime now() {
    return clock.now();
  }

  public Future<Reply> place(Principal caller, NewOrder o, Idempotency.Request request) {
    return idempotency.run(request, db -> {
      PurchaseOrderRecord order = placeIn(db, caller, o);
      return new Outcome(201, OrderJson.order(order), order.getCooperativeId());
    });
  }

  private PurchaseOrderRecord placeIn(DSLContext db, Principal caller, NewOrder o) {
    long buyerId = caller.scopeEntityId();
    if (knownBuyers.getIfPresent(buyerId) == null) {
      participants.buyer(db, buyerId).orElseThrow(() -> Problem.forbidden("no buyer " + caller.scopeId()));
      knownBuyers.put(buyerId, Boolean.TRUE);
    }
    LotTerms lot = lotTerms(db, o.lotId());
    if (lot.availableTo().isBefore(clock.today())) {
      throw Problem.conflict("lot-closed", "lot " + lot.id() + " was available until " + lot.availableTo(), "lotId");
    }
    if (o.demandId() != null) {
      DemandRecord demand = demands.find(db, o.demandId())
          .filter(d -> d.getBuyerId() == buyerId)
          .orElseThrow(() -> Problem.badRequest("demandId", "no demand " + o.demandId() + " of this buyer"));
      if (!demand.getProduct().equals(lot.product())) {
        throw Problem.badRequest("demandId", "demand " + o.demandId() + " is for " + demand.getProduct()
            + ", the lot is " + lot.product());
      }
    }
    long amountFen = Amounts.amountFen(o.quantity(), lot.unitPriceFen(), "quantity");
    // the reservation checks quantity and minimum order in the database; only a refusal reads the lot
    if (!lots.reserve(db, lot.id(), o.quantity())) {
      throw refusal(lots.find(db, lot.id()).orElseThrow(), o.quantity());
    }
    LocalDateTime at = now();
    PurchaseOrderRecord order = new PurchaseOrderRecord().setId(ids.next()).setCooperativeId(lot.cooperativeId())
        .setBuyerId(buyerId).setLotId(lot.id()).setDemandId(o.demandId()).setProduct(lot.product())
        .setUnit(lot.unit()).setQuantity(o.quantity()).setUnitPriceFen(lot.unitPriceFen())
        .setAmountFen(amountFen).setStatus(OrderStatus.PLACED)
        .setCreatedAt(at).setCreatedBy(caller.userId()).setUpdatedAt(at);
    orders.insert(db, order);
    orders.insertHistory(db, history(order, null, OrderStatus.PLACED, caller, null, at));
    return order;
  }

  /**
   * What placement needs of a lot. None of it changes once the lot is posted (only the available
   * quantity does, and the reservation checks that in the database), so each instance reads it once.
   */
  private record LotTerms(long id, long cooperativeId, String product, String unit, long unitPriceFen,
      LocalDate availableTo) {
  }

  private LotTerms lotTerms(DSLContext db, long lotId) {
    LotTerms known = knownLots.getIfPresent(lotId);
    if (known != null) {
      return known;
    }
    // DESIGN.md 6: an unknown lot is 404 (the lot is the resource the order is placed on)
    LotRecord lot = lots.find(db, lotId).orElseThrow(() -> Problem.notFound("lot", Long.toString(lotId)));
    LotTerms terms = new LotTerms(lot.getId(), lot.getCooperativeId(), lot.getProduct(), lot.getUnit(),
        lot.getUnitPriceFen(), lot.getAvailableTo());
    knownLots.put(lotId, terms);
    return terms;
  }

  /** Why the lot refused the quantity, as it is now: below its minimum order (400), or not that much left (409). */
  private static Problem refusal(LotRecord lot, BigDecimal quantity) {
    if (quantity.compareTo(lot.getMinOrderQuantity()) < 0 && quantity.compareTo(lot.getAvailableQuantity()) != 0) {
      return Problem.badRequest("quantity", "quantity is below the lot's minimum order of "
          + SupplyJson.quantity(lot.getMinOrderQuantity()) + " " + lot.getUnit());
    }
    return Problem.conflict("insufficient-quantity", "lot " + lot.getId() + " does not have "
        + SupplyJson.quantity(quantity) + " " + lot.getUnit() + " available", "quantity");
  }

  OrderHistoryRecord history(PurchaseOrderRecord order, OrderStatus from, OrderStatus to, Principal caller,
      String note, LocalDateTime at) {
    return new OrderHistoryRecord().setId(ids.next()).setOrderId(order.getId())
        .setCooperativeId(order.getCooperativeId()).setFromStatus(from)
        .setToStatus(to).setActorUserId(caller.userId()).setActorRole(caller.role())
        .setNote(note).setAt(at);
  }

  /** The order if it exists and the caller is a party to it or oversees it; else 404 either way (no probing ids). */
  PurchaseOrderRecord visible(DSLContext db, Principal caller, long id) {
    PurchaseOrderRecord order = orders.find(db, id).orElseThrow(() -> Problem.notFound("order", Long.toString(id)));
    boolean allowed = switch (caller.role()) {
      case ADMIN -> true;
      case BUYER -> caller.scopeEntityId() == order.getBuyerId();
      case COOP -> caller.scopeEntityId() == order.getCooperativeId();
      case REGULATOR -> participants.cooperative(db, order.getCooperativeId())
          .map(CooperativeRecord::getRegionCode).filter(region -> Scopes.coversRegion(caller, region)).isPresent();
      case HOUSEHOLD -> false;
    };
    Scopes.requireVisible(allowed, "order", id);
    return order;
  }

  public Future<PurchaseOrderRecord> order(Principal caller, long id) {
    return database.read(db -> visible(db, caller, id));
  }

  public Future<List<OrderHistoryRecord>> history(Principal caller, long id) {
    return database.read(db -> {
      visible(db, caller, id);
      return orders.history(db, id);
    });
  }

  /** A buyer's or a cooperative's own orders. */
  public Future<List<PurchaseOrderRecord>> list(Principal caller, OrderStatus status, int limit, int offset) {
    return database.read(db -> caller.role() == Role.BUYER
        ? orders.list(db, caller.scopeEntityId(), null, status, limit, offset)
        : orders.list(db, null, caller.scopeEntityId(), status, limit, offset));
  }

  /** The names of cooperatives by id, for the buyer's page: the seller of each lot and order. */
  public Future<java.util.Map<Long, String>> cooperativeNames(java.util.Collection<Long> ids) {
    return database.read(db -> participants.cooperativeNames(db, ids));
  }

  /** The names of the buyers of {@code orders}, by buyer id, for the cooperative's page. */
  public Future<java.util.Map<Long, String>> buyerNames(List<PurchaseOrderRecord> orders) {
    return database.read(db -> {
      java.util.Map<Long, String> names = new java.util.HashMap<>();
      for (PurchaseOrderRecord order : orders) {
        names.computeIfAbsent(order.getBuyerId(), id -> participants.buyer(db, id).map(b -> b.getName()).orElse(""));
      }
      return names;
    });
  }
}
