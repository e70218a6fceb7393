package cn.bangfu.matching;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.db.tables.records.DemandRecord;
import cn.bangfu.db.tables.records.LotRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.matching.MatchScoring.CooperativeFacts;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.matching.MatchScoring.Score;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.LotService;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Buyers post demands; matching ranks open lots for a demand, and open demands for a lot. */
public final class DemandService {
  private final Database database;
  private final BusinessClock clock;
  private final DemandRepository demands;
  private final ParticipantRepository participants;
  private final LotService lots;
  private final Ids ids;
  private final OpenLots openLots;

  public DemandService(Database database, DemandRepository demands, ParticipantRepository participants,
      LotService lots, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.database = database;
    this.demands = demands;
    this.participants = participants;
    this.lots = lots;
    this.ids = ids;
    this.openLots = new OpenLots(database, demands, lots);
  }

  public record NewDemand(long buyerId, String product, BigDecimal quantity, Unit unit, long maxUnitPriceFen,
      LocalDate deliverBy, String deliveryRegionCode) {
  }

  public Future<DemandRecord> post(Principal caller, NewDemand d) {
    return database.tx(db -> {
      Scopes.require(caller.scopeEntityId() == d.buyerId(), "buyer " + d.buyerId());
      BuyerRecord buyer = participants.buyer(db, d.buyerId())
          .orElseThrow(() -> Problem.badRequest("buyerId", "no buyer with id " + d.buyerId()));
      DemandRecord row = new DemandRecord().setId(ids.next()).setBuyerId(d.buyerId()).setProduct(d.product())
          .setQuantity(d.quantity()).setUnit(d.unit().name()).setMaxUnitPriceFen(d.maxUnitPriceFen())
          .setDeliverBy(d.deliverBy())
          .setDeliveryRegionCode(d.deliveryRegionCode() != null ? d.deliveryRegionCode() : buyer.getRegionCode())
          .setCreatedAt(clock.now())
          .setCreatedBy(caller.userId());
      demands.insert(db, row);
      return row;
    });
  }

  /**
   * A demand as its reader may see it: the buyer itself, a regulator of the buyer's region, admin,
   * and any cooperative (demands are the market's open information for sellers).
   */
  public Future<DemandRecord> demand(Principal caller, long id) {
    return database.read(db -> {
      DemandRecord demand = existing(db, id);
      if (caller.role() != Role.COOP) {
        requireBuyerScope(db, caller, demand);
      }
      return demand;
    });
  }

  private DemandRecord existing(DSLContext db, long id) {
    return demands.find(db, id).orElseThrow(() -> Problem.notFound("demand", Long.toString(id)));
  }

  private void requireBuyerScope(DSLContext db, Principal caller, DemandRecord demand) {
    String region = participants.buyer(db, demand.getBuyerId()).map(BuyerRecord::getRegionCode).orElse(null);
    Scopes.require(Scopes.mayActOnBuyer(caller, demand.getBuyerId(), region), "demand " + demand.getId());
  }

  /** Ranked open lots for a demand: one indexed candidate query, pairing and member facts, then in-memory scoring. */
  public Future<List<Score>> matches(Principal caller, long demandId, int limit) {
    return database.read(db -> {
      DemandRecord demand = existing(db, demandId);
      requireBuyerScope(db, caller, demand);
      return rankLots(db, DemandRepository.demandFacts(demand), clock.today(), limit);
    });
  }

  /** Also used by the benchmark, on a worker thread. */
  public List<Score> rankLots(DSLContext db, DemandFacts demand, LocalDate today, int limit) {
    OpenLots.Snapshot open = openLots.of(db, demand.product(), today);
    List<LotFacts> candidates = open.lots();
    Map<Long, String> pairings = demands.pairingsOfBuyer(db, demand.buyerId());
    Map<Long, int[]> members = open.memberCounts();
    // per cooperative, not per lot: a product's 100,000 lots come from a few hundred cooperatives
    Map<Long, CooperativeFacts> cooperatives = new HashMap<>();
    for (Map.Entry<Long, int[]> counted : members.entrySet()) {
      cooperatives.put(counted.getKey(),
          new CooperativeFacts(pairings.get(counted.getKey()), counted.getValue()[0], counted.getValue()[1]));
    }
    pairings.forEach((id, form) -> cooperatives.putIfAbsent(id, new CooperativeFacts(form, 0, 0)));
    return Ranking.topLots(demand, candidates, cooperatives, limit);
  }

  /** The reverse view for a cooperative: open demands its lot fits, best first. */
  public Future<List<Score>> demandsForLot(Principal caller, long lotId, int limit) {
    return database.read(db -> {
      LotRecord lot = lots.existing(db, lotId);
      Scopes.require(caller.role() == Role.ADMIN || caller.scopeEntityId() == lot.getCooperativeId(), "lot " + lotId);
      Map<Long, String> pairings = demands.pairingsOfCooperative(db, lot.getCooperativeId());
      int[] counts = demands.memberCounts(db, lot.getCooperativeId());
      List<DemandFacts> candidates = demands.openDemands(db, lot.getProduct(), clock.today());
      return Ranking.topDemands(DemandRepository.lotFacts(lot), candidates,
          d -> new CooperativeFacts(pairings.get(d.buyerId()), counts[0], counts[1]), limit);
    });
  }
}
