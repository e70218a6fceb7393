package cn.bangfu.orders;

import cn.bangfu.platform.Idempotency;
import static cn.bangfu.db.Tables.PURCHASE_ORDER;

import cn.bangfu.db.tables.records.PurchaseOrderRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.ClosedYears;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Ledger;
import cn.bangfu.ledger.PostedEntry;
import cn.bangfu.ledger.Posting;
import cn.bangfu.platform.Idempotency.Outcome;
import cn.bangfu.orders.OrderRepository.Changes;
import cn.bangfu.platform.BusinessDay;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.SupplyJson;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Moves orders along their life (see {@link OrderStatus}), each step by its party only:
 * confirm, ship, deliver, reject by the order's cooperative; accept and settle by its buyer; cancel by
 * the buyer while PLACED or the cooperative until SHIPPED. Order of checks: unknown order 404, not
 * the party 403, wrong step 409, bad figures 400/422; then one conditional UPDATE on the expected
 * status (a concurrent transition that got there first makes this one a 409), the side effect
 * (quantity released, or the settlement's ledger entry) and a history line, all in one transaction.
 */
public final class OrderTransitions {
  private final OrderService service;
  private final OrderRepository orders;
  private final LotRepository lots;
  private final Idempotency idempotency;
  private final Ledger ledger;

  public OrderTransitions(OrderService service, OrderRepository orders, LotRepository lots, Idempotency idempotency,
      Ledger ledger) {
    this.service = service;
    this.orders = orders;
    this.lots = lots;
    this.idempotency = idempotency;
    this.ledger = ledger;
  }

  /** What each action does: who may, from which statuses (per role), to which status. */
  public enum Action {
    CONFIRM(OrderStatus.CONFIRMED, Set.of(OrderStatus.PLACED), Set.of()),
    SHIP(OrderStatus.SHIPPED, Set.of(OrderStatus.CONFIRMED), Set.of()),
    DELIVER(OrderStatus.DELIVERED, Set.of(OrderStatus.SHIPPED), Set.of()),
    REJECT(OrderStatus.REJECTED, Set.of(OrderStatus.PLACED), Set.of()),
    ACCEPT(OrderStatus.ACCEPTED, Set.of(), Set.of(OrderStatus.DELIVERED)),
    SETTLE(OrderStatus.SETTLED, Set.of(), Set.of(OrderStatus.ACCEPTED)),
    CANCEL(OrderStatus.CANCELLED, Set.of(OrderStatus.PLACED, OrderStatus.CONFIRMED), Set.of(OrderStatus.PLACED));

    final OrderStatus to;
    final Set<OrderStatus> fromForCooperative;
    final Set<OrderStatus> fromForBuyer;

    Action(OrderStatus to, Set<OrderStatus> fromForCooperative, Set<OrderStatus> fromForBuyer) {
      this.to = to;
      this.fromForCooperative = fromForCooperative;
      this.fromForBuyer = fromForBuyer;
    }

    public Set<Role> roles() {
      return fromForBuyer.isEmpty() ? Set.of(Role.COOP) : fromForCooperative.isEmpty() ? Set.of(Role.BUYER)
          : Set.of(Role.COOP, Role.BUYER);
    }

    public String path() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The figures some actions carry: acceptedQuantity (accept), the payment (settle), a note (cancel, reject). */
  public record Details(BigDecimal acceptedQuantity, Long amountFen, String paymentRef, LocalDate settledOn,
      String note) {
    public static final Details NONE = new Details(null, null, null, null, null);
  }

  public Future<Reply> apply(Principal caller, long orderId, Action action, Details details,
      Idempotency.Request request) {
    return idempotency.run(request, db -> {
      PurchaseOrderRecord order = applyIn(db, caller, orderId, action, details);
      return new Outcome(200, OrderJson.order(order), order.getCooperativeId());
    });
  }

  private PurchaseOrderRecord applyIn(DSLContext db, Principal caller, long orderId, Action action, Details d) {
    PurchaseOrderRecord order = orders.find(db, orderId)
        .orElseThrow(() -> Problem.notFound("order", Long.toString(orderId)));
    Set<OrderStatus> from = switch (caller.role()) {
      case COOP -> {
        // another party's order answers like an unknown one: order ids must not be probed
        Scopes.requireVisible(caller.scopeEntityId() == order.getCooperativeId(), "order", orderId);
        yield action.fromForCooperative;
      }
      case BUYER -> {
        Scopes.requireVisible(caller.scopeEntityId() == order.getBuyerId(), "order", orderId);
        yield action.fromForBuyer;
      }
      default -> throw Problem.forbidden("only the order's buyer or cooperative moves it");
    };
    OrderStatus current = order.getStatus();
    if (!from.contains(current)) {
      throw Problem.conflict("wrong-step", "order " + orderId + " is " + current + "; " + caller.role()
          + " may " + action.path() + " it only when " + from.stream().sorted().toList(), "status");
    }
    Changes changes = Changes.none();
    if (action == Action.ACCEPT) {
      changes = acceptance(order, d.acceptedQuantity());
    } else if (action == Action.SETTLE) {
      changes = settlement(order, d);
      // 结账: revenue dated in a distributed year could never be distributed; it is dated in an open one
      ClosedYears.requireOpen(db, order.getCooperativeId(), d.settledOn(), "settledOn");
    }
    LocalDateTime at = service.now();
    if (!orders.transition(db, orderId, current, action.to, at, changes)) {
      throw Problem.conflict("wrong-step", "order " + orderId + " was moved by someone else meanwhile; reload it",
          "status");
    }
    if (action == Action.CANCEL || action == Action.REJECT) {
      lots.release(db, order.getLotId(), order.getQuantity());
    }
    if (action == Action.SETTLE) {
      PostedEntry entry = ledger.post(db, settlementEntry(order, d, caller));
      orders.recordLedgerEntry(db, orderId, entry.entryId());
    }
    orders.insertHistory(db, service.history(order, current, action.to, caller, historyNote(action, d), at));
    return orders.find(db, orderId).orElseThrow();
  }

  /** Partial acceptance: the amount becomes acceptedQuantity × unit price, half-up to the fen. */
  private static Changes acceptance(PurchaseOrderRecord order, BigDecimal accepted) {
    if (accepted.compareTo(order.getQuantity()) > 0) {
      throw Problem.badRequest("acceptedQuantity", "acceptedQuantity is more than the ordered "
          + SupplyJson.quantity(order.getQuantity()) + " " + order.getUnit());
    }
    long amount = Amounts.amountFen(accepted, order.getUnitPriceFen(), "acceptedQuantity");
    return Changes.set(PURCHASE_ORDER.ACCEPTED_QUANTITY, accepted).and(Changes.set(PURCHASE_ORDER.AMOUNT_FEN, amount));
  }

  private static Changes settlement(PurchaseOrderRecord order, Details d) {
    if (d.amountFen().longValue() != order.getAmountFen().longValue()) {
      throw new Problem(422, "amount-mismatch", "Settlement does not match the order",
          "amountFen " + d.amountFen() + " differs from the accepted amount " + order.getAmountFen() + " fen",
          "amountFen");
    }
    LocalDate placedOn = order.getCreatedAt().atZone(java.time.ZoneOffset.UTC)
        .withZoneSameInstant(BusinessDay.ZONE).toLocalDate();
    if (d.settledOn().isBefore(placedOn)) {
      throw Problem.badRequest("settledOn", "settledOn is before the order was placed (" + placedOn + ")");
    }
    return Changes.set(PURCHASE_ORDER.PAYMENT_REF, d.paymentRef())
        .and(Changes.set(PURCHASE_ORDER.SETTLED_ON, d.settledOn()));
  }

  /**
   * One balanced entry on the cooperative's chart: 银行存款 debited (the buyer paid by transfer, the
   * payment ref is the bank's), 经营收入 credited. The buyer's 以购代捐 totals are read from its
   * settled orders, not from a ledger account: a buyer keeps no account on a cooperative's book.
   */
  static EntryDraft settlementEntry(PurchaseOrderRecord order, Details d, Principal caller) {
    long amount = order.getAmountFen();
    return new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, order.getId(), "order-settlement:" + order.getId(),
        order.getCooperativeId(), d.settledOn(), caller.userId(),
        "以购代捐 order " + order.getId() + " " + order.getProduct() + ", payment " + d.paymentRef(),
        List.of(new Posting(AccountRef.of(order.getCooperativeId(), ChartAccount.BANK_DEPOSIT), amount),
            new Posting(AccountRef.of(order.getCooperativeId(), ChartAccount.OPERATING_REVENUE), -amount)));
  }

  private static String historyNote(Action action, Details d) {
    return switch (action) {
      case ACCEPT -> "accepted " + SupplyJson.quantity(d.acceptedQuantity());
      case SETTLE -> "paid " + d.amountFen() + " fen, ref " + d.paymentRef();
      default -> d.note();
    };
  }
}
