package cn.bangfu.welfare;

import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.WelfarePostDayRecord;
import cn.bangfu.db.tables.records.WelfarePostRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.CooperativeBookRepository;
import cn.bangfu.registry.ParticipantRepository;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The welfare-post register: posts of a cooperative and the days households worked on them. */
public final class WelfarePostService {
  private final Database database;
  private final WelfarePostRepository posts;
  private final ParticipantRepository participants;
  private final CooperativeBookRepository members;
  private final Ids ids;
  private final BusinessClock clock;

  public WelfarePostService(Database database, WelfarePostRepository posts, ParticipantRepository participants,
      CooperativeBookRepository members, Ids ids, BusinessClock clock) {
    this.database = database;
    this.posts = posts;
    this.participants = participants;
    this.members = members;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * A post: {@code monthlyPayFen} for a full month of {@code workDaysPerMonth} days, {@code capacity} people at a
   * time, from {@code startsOn} to {@code endsOn} (open when null), in the village {@code regionCode}.
   */
  public record NewPost(String name, String regionCode, long monthlyPayFen, int workDaysPerMonth, int capacity,
      LocalDate startsOn, LocalDate endsOn) {
  }

  public record NewDays(long householdId, BigDecimal days, LocalDate date) {
  }

  /** A post with the days recorded on it so far. */
  public record Listed(WelfarePostRecord post, BigDecimal daysRecorded) {
  }

  public Future<WelfarePostRecord> createPost(Principal caller, long cooperativeId, NewPost p) {
    return database.tx(db -> {
      CooperativeRecord cooperative = cooperative(db, caller, cooperativeId);
      // a cooperative's posts serve the villages of its own county, whose regulator watches them
      if (!Scopes.sameCounty(cooperative.getRegionCode(), p.regionCode())) {
        throw Problem.badRequest("regionCode", "a welfare post lies in the cooperative's own county ("
            + Scopes.county(cooperative.getRegionCode()) + "), not in " + p.regionCode());
      }
      if (p.endsOn() != null && p.endsOn().isBefore(p.startsOn())) {
        throw Problem.badRequest("endsOn", "the post ends on " + p.endsOn() + ", before it starts on " + p.startsOn());
      }
      WelfarePostRecord row = new WelfarePostRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setName(p.name()).setRegionCode(p.regionCode()).setMonthlyPayFen(p.monthlyPayFen())
          .setWorkDaysPerMonth(p.workDaysPerMonth()).setCapacity(p.capacity()).setStartsOn(p.startsOn())
          .setEndsOn(p.endsOn()).setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      posts.insertPost(db, row);
      return row;
    });
  }

  public Future<List<Listed>> list(Principal caller, long cooperativeId) {
    return database.read(db -> {
      cooperative(db, caller, cooperativeId);
      Map<Long, BigDecimal> days = posts.daysByPost(db, cooperativeId);
      return posts.posts(db, cooperativeId).stream()
          .map(p -> new Listed(p, days.getOrDefault(p.getId(), BigDecimal.ZERO))).toList();
    });
  }

  /**
   * Days a member household worked on a post. Refused (naming the field) when the household is no member,
   * the date lies outside the post's term, the post already holds {@code capacity} other households that
   * month, or the month's days would pass the post's full month (which would pay more than its monthly pay).
   */
  public Future<WelfarePostDayRecord> recordDays(Principal caller, long cooperativeId, long postId, NewDays d) {
    return database.tx(db -> {
      cooperative(db, caller, cooperativeId);
      WelfarePostRecord post = posts.postForUpdate(db, cooperativeId, postId)
          .orElseThrow(() -> Problem.notFound("welfare post", Long.toString(postId)));
      if (members.membership(db, cooperativeId, d.householdId()).isEmpty()) {
        throw new Problem(422, "not-a-member", "Not a member",
            "household " + d.householdId() + " is not a member of cooperative " + cooperativeId, "householdId");
      }
      if (d.date().isBefore(post.getStartsOn()) || (post.getEndsOn() != null && d.date().isAfter(post.getEndsOn()))) {
        throw Problem.badRequest("date", "the post 「" + post.getName() + "」 runs from " + post.getStartsOn()
            + (post.getEndsOn() == null ? "" : " to " + post.getEndsOn()) + "; " + d.date() + " is outside it");
      }
      int others = posts.otherHouseholdsInMonth(db, postId, d.date(), d.householdId());
      if (others >= post.getCapacity()) {
        throw Problem.conflict("post-full", "the post 「" + post.getName() + "」 takes " + post.getCapacity()
            + " household(s) a month and already has " + others + " in " + d.date().getYear() + "-"
            + String.format("%02d", d.date().getMonthValue()), "householdId");
      }
      BigDecimal month = posts.daysInMonth(db, postId, d.date(), d.householdId()).add(d.days());
      if (month.compareTo(BigDecimal.valueOf(post.getWorkDaysPerMonth())) > 0) {
        throw Problem.badRequest("days", "a full month on 「" + post.getName() + "」 is " + post.getWorkDaysPerMonth()
            + " days; with these the household would have " + month.toPlainString() + " days in that month");
      }
      WelfarePostDayRecord row = new WelfarePostDayRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setPostId(postId).setHouseholdId(d.householdId()).setDays(d.days()).setWorkedOn(d.date())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      posts.insertDay(db, row);
      return row;
    });
  }

  private CooperativeRecord cooperative(DSLContext db, Principal caller, long id) {
    CooperativeRecord cooperative = participants.cooperative(db, id)
        .orElseThrow(() -> Problem.notFound("cooperative", Long.toString(id)));
    Scopes.require(Scopes.mayActOnCooperative(caller, id, cooperative.getRegionCode()), "cooperative " + id);
    return cooperative;
  }
}
