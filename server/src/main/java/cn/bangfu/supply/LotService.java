package cn.bangfu.supply;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.LotRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.supply.LotCommands.LotQuery;
import cn.bangfu.supply.LotCommands.NewLot;
import io.vertx.core.Future;
import java.util.List;
import org.jooq.DSLContext;

/** Cooperatives post produce lots; anyone signed in can search them. */
public final class LotService {
  private final Database database;
  private final BusinessClock clock;
  private final LotRepository lots;
  private final ParticipantRepository participants;
  private final Ids ids;

  private final java.util.concurrent.atomic.AtomicLong postedLots = new java.util.concurrent.atomic.AtomicLong();

  public LotService(Database database, LotRepository lots, ParticipantRepository participants, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.database = database;
    this.lots = lots;
    this.participants = participants;
    this.ids = ids;
  }

  public Future<LotRecord> post(Principal caller, NewLot l) {
    return database.tx(db -> {
      // Scope first: a cooperative user learns nothing about other cooperative ids.
      Scopes.require(caller.scopeEntityId() == l.cooperativeId(), "cooperative " + l.cooperativeId());
      CooperativeRecord cooperative = participants.cooperative(db, l.cooperativeId())
          .orElseThrow(() -> Problem.badRequest("cooperativeId", "no cooperative with id " + l.cooperativeId()));
      LotRecord row = new LotRecord().setId(ids.next()).setCooperativeId(l.cooperativeId())
          .setRegionCode(cooperative.getRegionCode()).setProduct(l.product()).setGrade(l.grade())
          .setUnit(l.unit().name()).setQuantity(l.quantity()).setAvailableQuantity(l.quantity())
          .setMinOrderQuantity(l.minOrderQuantity()).setUnitPriceFen(l.unitPriceFen())
          .setAvailableFrom(l.availableFrom()).setAvailableTo(l.availableTo())
          .setCertifications(LotRepository.encode(l.certifications()))
          .setCreatedAt(clock.now())
          .setCreatedBy(caller.userId());
      lots.insert(db, row);
      return row;
    }).onSuccess(posted -> postedLots.incrementAndGet());
  }

  /**
   * How many lots this instance has posted: readers that cache open lots (matching) reload when it
   * changes, so a cooperative's new lot shows up at once on the instance that took it.
   */
  public long postedLots() {
    return postedLots.get();
  }

  /** The cooperative closes its own lot: nothing more can be ordered from it (its page's 下架 button). */
  public Future<LotRecord> close(Principal caller, long id) {
    return database.tx(db -> {
      LotRecord lot = existing(db, id);
      // lots are public (anyone reads GET /lots/{id}), so another cooperative's lot is a 403, not a hidden 404
      Scopes.require(caller.scopeEntityId() == lot.getCooperativeId(), "lot " + id);
      lots.withdraw(db, id, clock.now());
      return existing(db, id);
    }).onSuccess(closed -> postedLots.incrementAndGet());
  }

  public Future<LotRecord> lot(long id) {
    return database.read(db -> existing(db, id));
  }

  public LotRecord existing(DSLContext db, long id) {
    return lots.find(db, id).orElseThrow(() -> Problem.notFound("lot", Long.toString(id)));
  }

  public Future<List<LotRecord>> search(LotQuery query) {
    return database.read(db -> lots.search(db, query));
  }
}
