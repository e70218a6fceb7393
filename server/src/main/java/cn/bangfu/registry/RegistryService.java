package cn.bangfu.registry;

import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.CostRecordRecord;
import cn.bangfu.db.tables.records.DeliveryRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.LaborRecordRecord;
import cn.bangfu.db.tables.records.MembershipRecord;
import cn.bangfu.db.tables.records.PairingRecord;
import cn.bangfu.db.tables.records.ShareHoldingRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.ClosedYears;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.FieldCipher;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.RegistryCommands.NewBuyer;
import cn.bangfu.registry.RegistryCommands.NewCooperative;
import cn.bangfu.registry.RegistryCommands.NewCost;
import cn.bangfu.registry.RegistryCommands.NewDelivery;
import cn.bangfu.registry.RegistryCommands.NewHousehold;
import cn.bangfu.registry.RegistryCommands.NewLabor;
import cn.bangfu.registry.RegistryCommands.NewMembership;
import cn.bangfu.registry.RegistryCommands.NewPairing;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The participant registry: who the cooperatives, households and buyers are and what a cooperative
 * records about its members. Every write is one transaction; scope is checked inside it against
 * the rows it touches.
 */
public final class RegistryService {
  private final Database database;
  private final ParticipantRepository participants;
  private final CooperativeBookRepository books;
  private final FieldCipher cipher;
  private final Ids ids;
  private final MemberCountRepository memberCounts = new MemberCountRepository();

  public RegistryService(Database database, ParticipantRepository participants, CooperativeBookRepository books,
      FieldCipher cipher, Ids ids) {
    this.database = database;
    this.participants = participants;
    this.books = books;
    this.cipher = cipher;
    this.ids = ids;
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  public Future<CooperativeRecord> registerCooperative(Principal caller, NewCooperative c) {
    return database.tx(db -> {
      CooperativeRecord row = new CooperativeRecord()
          .setId(ids.next()).setName(c.name()).setUscc(c.uscc()).setRegionCode(c.regionCode())
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      try {
        participants.insertCooperative(db, row);
      } catch (ParticipantRepository.Duplicate e) {
        throw Problem.conflict("duplicate-uscc", "a cooperative with this USCC is already registered", "uscc");
      }
      return row;
    });
  }

  public Future<CooperativeRecord> cooperative(Principal caller, long id) {
    return database.read(db -> visibleCooperative(db, caller, id));
  }

  public Future<List<CooperativeRecord>> cooperatives(Principal caller, int limit, int offset) {
    return database.read(db -> switch (caller.role()) {
      case ADMIN -> participants.cooperativesInRegion(db, null, limit, offset);
      case REGULATOR -> participants.cooperativesInRegion(db, caller.scopeId(), limit, offset);
      case COOP -> participants.cooperative(db, caller.scopeEntityId()).map(List::of).orElse(List.of());
      default -> List.of();
    });
  }

  /** The cooperative, if it exists (404) and the caller may act on it (403). */
  public CooperativeRecord visibleCooperative(DSLContext db, Principal caller, long id) {
    CooperativeRecord cooperative = participants.cooperative(db, id)
        .orElseThrow(() -> Problem.notFound("cooperative", Long.toString(id)));
    Scopes.require(Scopes.mayActOnCooperative(caller, id, cooperative.getRegionCode()), "cooperative " + id);
    return cooperative;
  }

  public Future<HouseholdRecord> registerHousehold(Principal caller, NewHousehold h) {
    return database.tx(db -> {
      Long registeredBy = null;
      if (caller.role() == Role.COOP) {
        registeredBy = visibleCooperative(db, caller, caller.scopeEntityId()).getId();
      }
      HouseholdRecord row = new HouseholdRecord()
          .setId(ids.next()).setName(h.name())
          .setIdNumberCipher(cipher.encrypt(h.idNumber()))
          .setIdNumberHash(cipher.keyedHash(h.idNumber()))
          .setIdNumberMasked(IdentityNumber.mask(h.idNumber()))
          .setRegionCode(h.regionCode()).setMembers(h.members())
          .setLaborCapacity(h.laborCapacity().name()).setStatus(h.status().name())
          .setBlacklisted(h.blacklisted()).setExitDate(h.exitDate())
          .setRegisteredByCooperativeId(registeredBy)
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      try {
        participants.insertHousehold(db, row);
      } catch (ParticipantRepository.Duplicate e) {
        throw Problem.conflict("duplicate-identity-number",
            "a household with this identity number is already registered", "idNumber");
      }
      return row;
    });
  }

  public Future<HouseholdRecord> household(Principal caller, long id) {
    return database.read(db -> {
      HouseholdRecord household = participants.household(db, id)
          .orElseThrow(() -> Problem.notFound("household", Long.toString(id)));
      Scopes.require(Scopes.maySeeHousehold(caller, id, household.getRegionCode(),
          participants.cooperativesRelatedTo(db, household)), "household " + id);
      return household;
    });
  }

  /**
   * Records a change of a household's situation: exit from poverty (status EXITED with its date, which
   * starts the fiscal-share transition), monitoring, labour capacity, or a blacklist entry (失信) or
   * its repair. The region's regulator decides these; distributions read them at the next draft.
   */
  public Future<HouseholdRecord> changeHousehold(Principal caller, long id, RegistryCommands.HouseholdChange change) {
    return database.tx(db -> {
      HouseholdRecord household = participants.householdForUpdate(db, id)
          .orElseThrow(() -> Problem.notFound("household", Long.toString(id)));
      Scopes.require(Scopes.maySeeHousehold(caller, id, household.getRegionCode(), List.of()), "household " + id);
      if (change.status() != null) {
        memberCounts.statusChanged(db, id, household.getStatus(), change.status().name());
        household.setStatus(change.status().name());
      }
      if (change.laborCapacity() != null) {
        household.setLaborCapacity(change.laborCapacity().name());
      }
      if (change.blacklisted() != null) {
        household.setBlacklisted(change.blacklisted());
      }
      if (change.exitDate() != null) {
        household.setExitDate(change.exitDate());
      }
      participants.updateHouseholdStatus(db, household);
      return household;
    });
  }

  public Future<BuyerRecord> registerBuyer(Principal caller, NewBuyer b) {
    return database.tx(db -> {
      BuyerRecord row = new BuyerRecord()
          .setId(ids.next()).setName(b.name()).setKind(b.kind().name()).setUscc(b.uscc())
          .setRegionCode(b.regionCode()).setAnnualFoodBudgetFen(b.annualFoodBudgetFen())
          .setReservedSharePercent(b.reservedSharePercent())
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      try {
        participants.insertBuyer(db, row);
      } catch (ParticipantRepository.Duplicate e) {
        throw Problem.conflict("duplicate-uscc", "a buyer with this USCC is already registered", "uscc");
      }
      return row;
    });
  }

  public Future<BuyerRecord> buyer(Principal caller, long id) {
    return database.read(db -> {
      BuyerRecord buyer = participants.buyer(db, id).orElseThrow(() -> Problem.notFound("buyer", Long.toString(id)));
      Scopes.require(Scopes.mayActOnBuyer(caller, id, buyer.getRegionCode()), "buyer " + id);
      return buyer;
    });
  }

  public Future<PairingRecord> pair(Principal caller, NewPairing p) {
    return database.tx(db -> {
      CooperativeRecord cooperative = participants.cooperative(db, p.cooperativeId())
          .orElseThrow(() -> Problem.badRequest("cooperativeId", "no cooperative with id " + p.cooperativeId()));
      participants.buyer(db, p.buyerId())
          .orElseThrow(() -> Problem.badRequest("buyerId", "no buyer with id " + p.buyerId()));
      Scopes.require(Scopes.mayActOnCooperative(caller, cooperative.getId(), cooperative.getRegionCode()),
          "cooperative " + cooperative.getId());
      PairingRecord row = new PairingRecord().setId(ids.next()).setBuyerId(p.buyerId())
          .setCooperativeId(p.cooperativeId()).setForm(p.form().name())
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      try {
        participants.insertPairing(db, row);
      } catch (ParticipantRepository.Duplicate e) {
        throw Problem.conflict("duplicate-pairing", "this buyer and cooperative are already paired", "cooperativeId");
      }
      return row;
    });
  }

  public record Membership(MembershipRecord membership, List<ShareHoldingRecord> shares) {
  }

  public Future<Membership> addMember(Principal caller, long cooperativeId, NewMembership m) {
    return database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      String status = participants.householdForUpdate(db, m.householdId())
          .orElseThrow(() -> Problem.badRequest("householdId", "no household with id " + m.householdId()))
          .getStatus();
      LocalDate joined = m.shares().stream().map(NewMembership.Share::since).min(LocalDate::compareTo)
          .orElse(LocalDate.now(ZoneOffset.UTC));
      long newId = ids.next();
      MembershipRecord membership = books.joinIfAbsent(db, new MembershipRecord()
          .setId(newId).setCooperativeId(cooperativeId).setHouseholdId(m.householdId())
          .setJoinedOn(joined).setCreatedAt(now()).setCreatedBy(caller.userId()));
      if (membership.getId() == newId) {
        memberCounts.joined(db, cooperativeId, status);
      }
      List<ShareHoldingRecord> holdings = new ArrayList<>();
      for (NewMembership.Share share : m.shares()) {
        holdings.add(new ShareHoldingRecord().setId(ids.next()).setCooperativeId(cooperativeId)
            .setHouseholdId(m.householdId()).setShareClass(share.shareClass().name()).setUnits(share.units())
            .setSince(share.since()).setUntil(share.until()).setCreatedAt(now()).setCreatedBy(caller.userId()));
      }
      books.insertShares(db, holdings);
      return new Membership(membership, books.shares(db, cooperativeId, m.householdId()));
    });
  }

  public Future<List<MembershipRecord>> members(Principal caller, long cooperativeId, int limit, int offset) {
    return database.read(db -> {
      visibleCooperative(db, caller, cooperativeId);
      return books.members(db, cooperativeId, limit, offset);
    });
  }

  private void requireMember(DSLContext db, long cooperativeId, long householdId) {
    if (books.membership(db, cooperativeId, householdId).isEmpty()) {
      throw new Problem(422, "not-a-member", "Not a member",
          "household " + householdId + " is not a member of cooperative " + cooperativeId, "householdId");
    }
  }

  public Future<DeliveryRecord> recordDelivery(Principal caller, long cooperativeId, NewDelivery d) {
    return database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      requireMember(db, cooperativeId, d.householdId());
      DeliveryRecord row = new DeliveryRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setHouseholdId(d.householdId()).setProduct(d.product()).setQuantity(d.quantity()).setUnit(d.unit().name())
          .setValueFen(d.valueFen()).setDeliveredOn(d.date()).setCreatedAt(now()).setCreatedBy(caller.userId());
      books.insertDelivery(db, row);
      return row;
    });
  }

  public Future<LaborRecordRecord> recordLabor(Principal caller, long cooperativeId, NewLabor l) {
    return database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      requireMember(db, cooperativeId, l.householdId());
      LaborRecordRecord row = new LaborRecordRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setHouseholdId(l.householdId()).setDays(l.days()).setWorkedOn(l.date()).setPost(l.post())
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      books.insertLabor(db, row);
      return row;
    });
  }

  public Future<CostRecordRecord> recordCost(Principal caller, long cooperativeId, NewCost c) {
    return database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      // 结账: a distributed year's costs are final; a cost found later belongs to the next period
      ClosedYears.requireOpen(db, cooperativeId, c.date(), "date");
      CostRecordRecord row = new CostRecordRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setAmountFen(c.amountFen()).setCategory(c.category()).setIncurredOn(c.date()).setNote(c.note())
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      books.insertCost(db, row);
      return row;
    });
  }
}
