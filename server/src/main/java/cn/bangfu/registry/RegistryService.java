package cn.bangfu.registry;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.DeliveryRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
import cn.bangfu.db.tables.records.LaborRecordRecord;
import cn.bangfu.db.tables.records.MembershipRecord;
import cn.bangfu.db.tables.records.PairingRecord;
import cn.bangfu.db.tables.records.ShareHoldingRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.FieldCipher;
import cn.bangfu.platform.HouseholdChanges;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.registry.RegistryCommands.NewBuyer;
import cn.bangfu.registry.RegistryCommands.NewCooperative;
import cn.bangfu.registry.RegistryCommands.NewDelivery;
import cn.bangfu.registry.RegistryCommands.NewHousehold;
import cn.bangfu.registry.RegistryCommands.NewLabor;
import cn.bangfu.registry.RegistryCommands.NewMembership;
import cn.bangfu.registry.RegistryCommands.NewPairing;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
  private final BusinessClock clock;
  private final ParticipantRepository participants;
  private final CooperativeBookRepository books;
  private final FieldCipher cipher;
  private final Ids ids;
  private final MemberCountRepository memberCounts = new MemberCountRepository();
  private final StatusHistoryRepository history = new StatusHistoryRepository();
  private final HouseholdChanges changes;

  public RegistryService(Database database, ParticipantRepository participants, CooperativeBookRepository books,
      FieldCipher cipher, Ids ids, BusinessClock clock, HouseholdChanges changes) {
    this.changes = changes;
    this.clock = clock;
    this.database = database;
    this.participants = participants;
    this.books = books;
    this.cipher = cipher;
    this.ids = ids;
  }

  private LocalDateTime now() {
    return clock.now();
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
    // a household registered poor or monitored is watched from its first day, with no income yet
    return changes.after(registerHouseholdTx(caller, h), row -> List.of(row.getId()), row -> clock.today(),
        caller.userId());
  }

  private Future<HouseholdRecord> registerHouseholdTx(Principal caller, NewHousehold h) {
    return database.tx(db -> register(db, caller, h));
  }

  private HouseholdRecord register(DSLContext db, Principal caller, NewHousehold h) {
    {
      Long registeredBy = null;
      HouseholdStatus status = h.status();
      if (caller.role() == Role.COOP) {
        CooperativeRecord own = visibleCooperative(db, caller, caller.scopeEntityId());
        requireCooperativeMayRegister(own, h);
        registeredBy = own.getId();
        status = HouseholdStatus.ORDINARY;
      } else if (status == null) {
        throw Problem.badRequest("status", "status is required");
      }
      HouseholdRecord row = new HouseholdRecord()
          .setId(ids.next()).setName(h.name())
          .setIdNumberCipher(cipher.encrypt(h.idNumber()))
          .setIdNumberHash(cipher.keyedHash(h.idNumber()))
          .setIdNumberMasked(IdentityNumber.mask(h.idNumber()))
          .setRegionCode(h.regionCode()).setMembers(h.members())
          .setLaborCapacity(h.laborCapacity()).setStatus(status)
          .setProposedStatus(h.proposedStatus())
          .setBlacklisted(h.blacklisted()).setExitDate(h.exitDate())
          .setRegisteredByCooperativeId(registeredBy)
          .setCreatedAt(now()).setCreatedBy(caller.userId());
      try {
        participants.insertHousehold(db, row);
      } catch (ParticipantRepository.Duplicate e) {
        throw Problem.conflict("duplicate-identity-number",
            "a household with this identity number is already registered", "idNumber");
      }
      // the registration snapshot: undated, in force until the first dated change
      history.insert(db, snapshot(row, caller, null, "登记"));
      return row;
    }
  }

  /**
   * The console's 入社 (issue 16): a person joins by name and 身份证号, as on the membership form. A
   * household already registered (a registered poor household, or a member of another cooperative) is
   * found through the keyed hash of its number and must carry the same name (422 naming name); one not
   * registered yet is registered as the API's POST /households by this cooperative would. Registration,
   * membership and shares are one transaction. Already a member: 409 naming idNumber.
   */
  public Future<Membership> enrol(Principal caller, long cooperativeId, NewHousehold h,
      List<NewMembership.Share> shares) {
    return changes.after(database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      java.util.Optional<HouseholdRecord> known = participants.householdByIdNumberHash(db, cipher.keyedHash(h.idNumber()));
      long householdId;
      if (known.isPresent()) {
        if (!known.get().getName().equals(h.name())) {
          throw new Problem(422, "name-mismatch", "Name does not match",
              "the household registered with this identity number has another name", "name");
        }
        if (books.membership(db, cooperativeId, known.get().getId()).isPresent()) {
          throw Problem.conflict("already-a-member", "this household is already a member", "idNumber");
        }
        householdId = known.get().getId();
      } else {
        householdId = register(db, caller, h).getId();
      }
      return join(db, caller, cooperativeId, new NewMembership(householdId, shares));
    }), m -> List.of(m.membership().getHouseholdId()), m -> clock.today(), caller.userId());
  }

  /**
   * A cooperative registers households of its own county, as ORDINARY; poverty status, monitoring,
   * exit and the blacklist are the region's regulator's to set (DESIGN.md 8.3), so a cooperative
   * only proposes a status (proposedStatus) for the regulator to confirm. Refusals are 403 naming
   * the field: the value is well-formed, the caller's role may not set it.
   */
  private static void requireCooperativeMayRegister(CooperativeRecord own, NewHousehold h) {
    if (!Scopes.sameCounty(own.getRegionCode(), h.regionCode())) {
      throw Scopes.forbiddenField("regionCode", "a cooperative registers households of its own county ("
          + Scopes.county(own.getRegionCode()) + ")");
    }
    if (h.status() != null && h.status() != HouseholdStatus.ORDINARY) {
      throw Scopes.forbiddenField("status", "only the region's regulator sets a poverty status;"
          + " register the household as ORDINARY and send the status as proposedStatus");
    }
    if (h.blacklisted()) {
      throw Scopes.forbiddenField("blacklisted", "only the region's regulator puts a household on the blacklist");
    }
    if (h.exitDate() != null) {
      throw Scopes.forbiddenField("exitDate", "only the region's regulator records an exit from poverty");
    }
  }

  /** A household and the memberships the caller may see. */
  public record HouseholdView(HouseholdRecord household, List<MembershipRecord> memberships) {
  }

  /**
   * The household, if it exists and the caller may see it; out of scope is answered as unknown (404)
   * so household ids cannot be probed. Its memberships (a cooperative enrolls without asking) are
   * shown to the household itself and its regulator; a cooperative sees only its own.
   */
  public Future<HouseholdView> household(Principal caller, long id) {
    return database.read(db -> {
      HouseholdRecord household = visibleHousehold(db, caller, id);
      List<MembershipRecord> memberships = books.membershipsOf(db, id).stream()
          .filter(m -> caller.role() != Role.COOP || m.getCooperativeId() == caller.scopeEntityId())
          .toList();
      return new HouseholdView(household, memberships);
    });
  }

  private HouseholdRecord visibleHousehold(DSLContext db, Principal caller, long id) {
    HouseholdRecord household = participants.household(db, id)
        .orElseThrow(() -> Problem.notFound("household", Long.toString(id)));
    Scopes.requireVisible(Scopes.maySeeHousehold(caller, id, household.getRegionCode(),
        caller.role() == Role.COOP ? participants.cooperativesRelatedTo(db, household) : List.of()), "household", id);
    return household;
  }

  /**
   * Records a change of a household's situation: exit from poverty (status EXITED with its date, which
   * starts the fiscal-share transition), monitoring, labour capacity, or a blacklist entry (失信) or
   * its repair. The region's regulator decides these. Every change is kept as a dated snapshot with who
   * and why; a distribution reads the snapshot in force on its period's last day (PeriodFactsRepository).
   */
  /** Most households one search answers: a name, not a listing of the county. */
  public static final int MAX_SEARCH_RESULTS = 50;

  /**
   * The regulator's household search (DESIGN.md 8.2): by name or masked identity number, inside its own
   * region only; at least one character, at most 50 results. Callers show the names masked.
   */
  public Future<List<HouseholdRecord>> searchHouseholds(Principal caller, String text) {
    if (caller.role() != Role.REGULATOR || caller.scopeId() == null) {
      throw Problem.forbidden("only a regulator searches the households of its region");
    }
    String q = text == null ? "" : text.strip();
    if (q.isEmpty() || q.codePointCount(0, q.length()) > 30) {
      throw Problem.badRequest("q", "type 1 to 30 characters of a name or of the masked identity number");
    }
    return database.read(db -> participants.searchHouseholds(db, caller.scopeId(), q, MAX_SEARCH_RESULTS));
  }

  public Future<HouseholdRecord> changeHousehold(Principal caller, long id, RegistryCommands.HouseholdChange change) {
    // whether the household is watched, and whether it can work, decide its alerts
    return changes.after(changeHouseholdTx(caller, id, change), h -> List.of(h.getId()), h -> clock.today(),
        caller.userId());
  }

  private Future<HouseholdRecord> changeHouseholdTx(Principal caller, long id, RegistryCommands.HouseholdChange change) {
    return database.tx(db -> {
      HouseholdRecord household = participants.householdForUpdate(db, id)
          .orElseThrow(() -> Problem.notFound("household", Long.toString(id)));
      Scopes.requireVisible(Scopes.maySeeHousehold(caller, id, household.getRegionCode(), List.of()), "household", id);
      HouseholdStatus before = household.getStatus();
      LocalDate effective = change.effectiveDate() != null ? change.effectiveDate()
          : change.status() == HouseholdStatus.EXITED ? change.exitDate() : clock.today();
      // the new snapshot is the situation in force on its effective date with this change applied
      HouseholdStatusChangeRecord next = history.inForceOn(db, id, effective)
          .map(HouseholdStatusChangeRecord::copy)
          .orElseGet(() -> snapshot(household, caller, null, null));
      if (change.status() != null) {
        next.setStatus(change.status()).setLowIncomeKind(change.lowIncomeKind());
      }
      if (change.laborCapacity() != null) {
        next.setLaborCapacity(change.laborCapacity());
      }
      if (change.blacklisted() != null) {
        next.setBlacklisted(change.blacklisted());
      }
      history.insert(db, next.setId(ids.next()).setHouseholdId(id).setRegionCode(household.getRegionCode())
          .setEffectiveOn(effective).setReason(change.reason()).setChangedBy(caller.userId()).setChangedAt(now()));
      // the household row shows the snapshot that takes effect last (a back-dated change may not be it)
      HouseholdStatusChangeRecord current = history.latest(db, id).orElse(next);
      if (change.status() != null) {
        // the regulator's decision settles any cooperative's proposal, whichever way it went
        household.setProposedStatus(null);
      }
      memberCounts.statusChanged(db, id, before, current.getStatus());
      household.setStatus(current.getStatus()).setLowIncomeKind(current.getLowIncomeKind())
          .setLaborCapacity(current.getLaborCapacity()).setBlacklisted(current.getBlacklisted());
      if (change.exitDate() != null) {
        household.setExitDate(change.exitDate());
      }
      participants.updateHouseholdStatus(db, household);
      return household;
    });
  }

  /** The household's present situation as a history snapshot taking effect on {@code effective}. */
  private HouseholdStatusChangeRecord snapshot(HouseholdRecord h, Principal caller, LocalDate effective,
      String reason) {
    return new HouseholdStatusChangeRecord().setId(ids.next()).setHouseholdId(h.getId())
        .setRegionCode(h.getRegionCode()).setEffectiveOn(effective).setStatus(h.getStatus())
        .setLowIncomeKind(h.getLowIncomeKind()).setLaborCapacity(h.getLaborCapacity())
        .setBlacklisted(Boolean.TRUE.equals(h.getBlacklisted())).setReason(reason)
        .setChangedBy(caller.userId()).setChangedAt(now());
  }

  public Future<BuyerRecord> registerBuyer(Principal caller, NewBuyer b) {
    return database.tx(db -> {
      BuyerRecord row = new BuyerRecord()
          .setId(ids.next()).setName(b.name()).setKind(b.kind()).setUscc(b.uscc())
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
          .setCooperativeId(p.cooperativeId()).setForm(p.form())
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
    // a member able to work is expected to have labour days (IDLE_LABOUR)
    return changes.after(addMemberTx(caller, cooperativeId, m), added -> List.of(m.householdId()),
        added -> clock.today(), caller.userId());
  }

  private Future<Membership> addMemberTx(Principal caller, long cooperativeId, NewMembership m) {
    return database.tx(db -> join(db, caller, cooperativeId, m));
  }

  private Membership join(DSLContext db, Principal caller, long cooperativeId, NewMembership m) {
    {
      CooperativeRecord cooperative = visibleCooperative(db, caller, cooperativeId);
      // A cooperative enrolls households of its own county only (whoever asks, admin included); one of
      // another county is answered like an unknown id, so enrolment cannot probe household ids.
      // Membership of another cooperative is no reason to refuse: households do join several.
      String county = Scopes.county(cooperative.getRegionCode());
      HouseholdStatus status = participants.householdForUpdate(db, m.householdId())
          .filter(h -> Scopes.sameCounty(county, h.getRegionCode()))
          .orElseThrow(() -> Problem.badRequest("householdId",
              "no household with id " + m.householdId() + " in the cooperative's county " + county))
          .getStatus();
      LocalDate joined = m.shares().stream().map(NewMembership.Share::since).min(LocalDate::compareTo)
          .orElse(clock.today());
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
            .setHouseholdId(m.householdId()).setShareClass(share.shareClass()).setUnits(share.units())
            .setSince(share.since()).setUntil(share.until()).setCreatedAt(now()).setCreatedBy(caller.userId()));
      }
      books.insertShares(db, holdings);
      return new Membership(membership, books.shares(db, cooperativeId, m.householdId()));
    }
  }

  /** A page of the cooperative's members, each with its share holdings (two queries per page). */
  public Future<List<Membership>> members(Principal caller, long cooperativeId, int limit, int offset) {
    return database.read(db -> {
      visibleCooperative(db, caller, cooperativeId);
      List<MembershipRecord> page = books.members(db, cooperativeId, limit, offset);
      java.util.Map<Long, List<ShareHoldingRecord>> shares = books.sharesOf(db, cooperativeId,
          page.stream().map(MembershipRecord::getHouseholdId).toList());
      return page.stream().map(m -> new Membership(m, shares.getOrDefault(m.getHouseholdId(), List.of()))).toList();
    });
  }

  /** The most members the console's member picker lists. */
  public static final int MAX_MEMBER_DIRECTORY = 2_000;

  /** A cooperative's member households by name, each with its share holdings, for its own console. */
  public Future<List<MemberHousehold>> memberDirectory(Principal caller, long cooperativeId) {
    return database.read(db -> {
      visibleCooperative(db, caller, cooperativeId);
      List<HouseholdRecord> households = books.memberHouseholds(db, cooperativeId, MAX_MEMBER_DIRECTORY);
      java.util.Map<Long, List<ShareHoldingRecord>> shares = books.sharesOf(db, cooperativeId,
          households.stream().map(HouseholdRecord::getId).toList());
      return households.stream().map(h -> new MemberHousehold(h, shares.getOrDefault(h.getId(), List.of()))).toList();
    });
  }

  /** A member household with its share holdings in the cooperative asked about. */
  public record MemberHousehold(HouseholdRecord household, List<ShareHoldingRecord> shares) {
  }

  /**
   * The cooperative's members among the given identity numbers (an upload names members as the roster
   * does, by 身份证号), keyed by the number as given; numbers of non-members are absent. The numbers are
   * compared through the keyed hash only, never decrypted.
   */
  public Future<java.util.Map<String, HouseholdRecord>> membersByIdNumber(Principal caller, long cooperativeId,
      java.util.Collection<String> idNumbers) {
    java.util.Map<String, String> byHash = new java.util.HashMap<>();
    for (String number : idNumbers) {
      byHash.put(java.util.HexFormat.of().formatHex(cipher.keyedHash(IdentityNumber.normalize(number))), number);
    }
    return database.read(db -> {
      visibleCooperative(db, caller, cooperativeId);
      java.util.Map<String, HouseholdRecord> found = new java.util.HashMap<>();
      for (HouseholdRecord h : books.membersByIdNumberHash(db, cooperativeId,
          byHash.keySet().stream().map(java.util.HexFormat.of()::parseHex).toList())) {
        found.put(byHash.get(java.util.HexFormat.of().formatHex(h.getIdNumberHash())), h);
      }
      return found;
    });
  }

  private void requireMember(DSLContext db, long cooperativeId, long householdId) {
    if (books.membership(db, cooperativeId, householdId).isEmpty()) {
      throw new Problem(422, "not-a-member", "Not a member",
          "household " + householdId + " is not a member of cooperative " + cooperativeId, "householdId");
    }
  }

  public Future<DeliveryRecord> recordDelivery(Principal caller, long cooperativeId, NewDelivery d) {
    // produce the cooperative paid for is income of the year it was delivered in
    return changes.after(database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      requireMember(db, cooperativeId, d.householdId());
      DeliveryRecord row = new DeliveryRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setHouseholdId(d.householdId()).setProduct(d.product()).setQuantity(d.quantity()).setUnit(d.unit().name())
          .setValueFen(d.valueFen()).setDeliveredOn(d.date()).setCreatedAt(now()).setCreatedBy(caller.userId());
      books.insertDelivery(db, row);
      return row;
    }), row -> List.of(row.getHouseholdId()), DeliveryRecord::getDeliveredOn, caller.userId());
  }

  public Future<LaborRecordRecord> recordLabor(Principal caller, long cooperativeId, NewLabor l) {
    return changes.after(database.tx(db -> {
      visibleCooperative(db, caller, cooperativeId);
      requireMember(db, cooperativeId, l.householdId());
      LaborRecordRecord row = new LaborRecordRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setHouseholdId(l.householdId()).setDays(l.days()).setWorkedOn(l.date()).setPost(l.post())
          .setWageFen(l.wageFen()).setWorkers(l.workers()).setCreatedAt(now()).setCreatedBy(caller.userId());
      books.insertLabor(db, row);
      return row;
    }), row -> List.of(row.getHouseholdId()), LaborRecordRecord::getWorkedOn, caller.userId());
  }

}
