package cn.bangfu.distribution;

import cn.bangfu.db.tables.records.DraftJobRecord;
import cn.bangfu.distribution.DraftProgress.JobStatus;
import cn.bangfu.distribution.DraftProgress.Stage;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts run as jobs for the accountant's page (issue 16): drafting a cooperative of thousands of
 * households takes long enough that a page waiting on it would look dead, so the page starts a job,
 * shows its progress bar and survives a reload; the job's row (table draft_job) is what every reload,
 * on any instance, reads. The draft itself is {@link DraftService}'s one transaction, unchanged: the same
 * checks, scopes and rules as {@code POST /distributions}.
 *
 * <p>A double click joins the job already running for the same cooperative, rule set and period (the
 * row's unique running key). A job whose process died keeps its RUNNING row but stops beating: after
 * {@link #STALE_AFTER} without a sign of life it is shown as interrupted and a new request for the same
 * draft takes its place. The heartbeat is the machine's time, not the business clock: it tells whether a
 * process is alive, not what day it is in the book.
 */
public final class DraftJobs {
  private static final Logger LOG = LoggerFactory.getLogger(DraftJobs.class);
  /** Longer than any stage goes without a report (the engine allocates 100,000 households in seconds). */
  static final Duration STALE_AFTER = Duration.ofMinutes(5);
  /** Progress written at most this often within a stage: a bar moving a few times a second is enough. */
  private static final Duration REPORT_EVERY = Duration.ofMillis(200);
  private static final int MAX_MESSAGE = 1000;

  private final Database database;
  private final DraftService drafts;
  private final DistributionRepository runs;
  private final DraftJobRepository rows = new DraftJobRepository();
  private final Ids ids;
  private final BusinessClock clock;
  private final Clock machine;
  /** Jobs this process runs, completed when their row says DONE or FAILED (tests and callers awaiting one). */
  private final Map<Long, Promise<Job>> running = new ConcurrentHashMap<>();

  public DraftJobs(Database database, DraftService drafts, DistributionRepository runs, Ids ids, BusinessClock clock) {
    // the machine's clock only for the heartbeat (is a process alive), never for a date in the book
    this(database, drafts, runs, ids, clock, Clock.systemUTC());
  }

  private DraftJobs(Database database, DraftService drafts, DistributionRepository runs, Ids ids, BusinessClock clock,
      Clock machine) {
    this.database = database;
    this.drafts = drafts;
    this.runs = runs;
    this.ids = ids;
    this.clock = clock;
    this.machine = machine;
  }

  /** A job as its page shows it. {@code interrupted}: RUNNING, but its process stopped beating. */
  public record Job(long id, long cooperativeId, String ruleSetId, LocalDate periodStart, LocalDate periodEnd,
      JobStatus status, Stage stage, int done, int total, Long runId, String errorField, Integer errorHttpCode,
      String errorMessage, boolean interrupted) {
  }

  /**
   * Starts drafting (or joins the same draft already running) and answers the job's id at once; a
   * request failing {@link DraftService#check} is refused here, before any job.
   */
  public Future<Long> start(Principal caller, long cooperativeId, String ruleSetId, LocalDate start, LocalDate end) {
    drafts.check(ruleSetId, start, end);
    return open(caller, cooperativeId, ruleSetId, start, end).map(opened -> {
      if (opened.isNew()) {
        launch(caller, opened.id(), cooperativeId, ruleSetId, start, end);
      }
      return opened.id();
    });
  }

  /** The job opened by a request: a new one, or the one already running for the same draft. */
  public record Opened(long id, boolean isNew) {
  }

  /**
   * The job's row, without starting the draft: {@link #start} launches it next. Public for the tests of
   * a job whose process died after this step.
   */
  public Future<Opened> open(Principal caller, long cooperativeId, String ruleSetId, LocalDate start, LocalDate end) {
    String key = cooperativeId + ":" + ruleSetId + ":" + start + ":" + end;
    return database.tx(db -> {
      String region = runs.regionOfCooperative(db, cooperativeId);
      if (region == null) {
        throw Problem.notFound("cooperative", Long.toString(cooperativeId));
      }
      Scopes.require(Scopes.mayActOnCooperative(caller, cooperativeId, region), "cooperative " + cooperativeId);
      DraftJobRecord same = rows.runningWithKeyForUpdate(db, key);
      if (same != null && !isStale(same)) {
        return new Opened(same.getId(), false);
      }
      if (same != null) {
        // its process died: the row says so, and the key is free for this request
        rows.markInterrupted(db, same.getId());
      }
      long id = ids.next();
      LocalDateTime now = machineNow();
      rows.insert(db, new DraftJobRecord().setId(id).setCooperativeId(cooperativeId)
          .setRuleSetId(ruleSetId).setPeriodStart(start).setPeriodEnd(end).setStatus(JobStatus.RUNNING)
          .setStage(Stage.GATHERING).setDoneCount(0).setTotalCount(0).setRunningKey(key)
          .setCreatedBy(caller.userId()).setCreatedAt(clock.now()).setHeartbeatAt(now));
      return new Opened(id, true);
    }).recover(failure -> {
      if (failure instanceof DataAccessException e && e.sqlState() != null && e.sqlState().startsWith("23")) {
        // the other click's transaction inserted the same running key first: join its job
        return database.read(db -> rows.idRunningWithKey(db, key).map(id -> new Opened(id, false))
            .orElseThrow(() -> e));
      }
      return Future.failedFuture(failure);
    });
  }

  private void launch(Principal caller, long jobId, long cooperativeId, String ruleSetId, LocalDate start,
      LocalDate end) {
    Promise<Job> ended = Promise.promise();
    running.put(jobId, ended);
    drafts.draft(caller, cooperativeId, ruleSetId, start, end, reporter(jobId))
        .transform(outcome -> database.tx(db -> {
          if (outcome.succeeded()) {
            rows.done(db, jobId, outcome.result().run().getId(), machineNow());
          } else {
            Throwable failure = outcome.cause();
            Problem problem = failure instanceof Problem p ? p : null;
            if (problem == null) {
              LOG.error("draft job {} failed", jobId, failure);
            }
            rows.failed(db, jobId, problem == null ? 500 : problem.status(), problem == null ? null : problem.field(),
                clip(problem == null ? "internal error" : String.valueOf(problem.getMessage())), machineNow());
          }
          return job(rows.find(db, jobId));
        }))
        .onComplete(ended)
        .onComplete(done -> running.remove(jobId));
  }

  /**
   * Writes the draft's progress to the job's row as it goes: on every change of stage and at most every
   * {@link #REPORT_EVERY} within one, in the autocommitting pool (the draft's own transaction would
   * hide it until the end). A failed write only loses a report: the draft goes on.
   */
  public DraftProgress reporter(long jobId) {
    return new DraftProgress() {
      private Stage last;
      private long lastMillis;

      @Override
      public void at(Stage stage, int done, int total) {
        long nowMillis = machine.millis();
        boolean finished = stage == Stage.WRITING && done == total;
        if (stage == last && !finished && nowMillis - lastMillis < REPORT_EVERY.toMillis()) {
          return;
        }
        last = stage;
        lastMillis = nowMillis;
        try {
          rows.progress(database.dsl(), jobId, stage, done, total, machineNow());
        } catch (DataAccessException e) {
          LOG.warn("progress of draft job {} not written: {}", jobId, e.getMessage());
        }
      }
    };
  }

  /** The job, for its cooperative's accountants only: anyone else is told it does not exist. */
  public Future<Job> view(Principal caller, long jobId) {
    return database.read(db -> {
      DraftJobRecord row = rows.find(db, jobId);
      Scopes.requireVisible(row != null && visible(db, caller, row.getCooperativeId()), "draft job", jobId);
      return job(row);
    });
  }

  /** The cooperative's drafts still running (the wizard's first page lists them, so leaving one loses nothing). */
  public Future<List<Job>> runningOf(Principal caller, long cooperativeId) {
    return database.read(db -> {
      if (!visible(db, caller, cooperativeId)) {
        return List.of();
      }
      return rows.running(db, cooperativeId, 10).stream().map(this::job).filter(job -> !job.interrupted()).toList();
    });
  }

  /**
   * Completes when a job this process runs has ended (its row DONE or FAILED); any other job: as its row
   * is now. For the server's own callers and tests, not a page: no scope is checked.
   */
  public Future<Job> ended(long jobId) {
    Promise<Job> ended = running.get(jobId);
    return ended != null ? ended.future() : database.read(db -> {
      DraftJobRecord row = rows.find(db, jobId);
      if (row == null) {
        throw Problem.notFound("draft job", Long.toString(jobId));
      }
      return job(row);
    });
  }

  /**
   * The same jobs seen from a machine whose clock reads {@code other}: a process that stopped beating
   * minutes ago, without waiting minutes (tests).
   */
  public DraftJobs seenAt(Clock other) {
    return new DraftJobs(database, drafts, runs, ids, clock, other);
  }

  private boolean visible(DSLContext db, Principal caller, long cooperativeId) {
    String region = runs.regionOfCooperative(db, cooperativeId);
    return region != null && Scopes.mayActOnCooperative(caller, cooperativeId, region);
  }

  private Job job(DraftJobRecord row) {
    return new Job(row.getId(), row.getCooperativeId(), row.getRuleSetId(), row.getPeriodStart(), row.getPeriodEnd(),
        row.getStatus(), row.getStage(), row.getDoneCount(), row.getTotalCount(), row.getRunId(), row.getErrorField(),
        row.getErrorHttpCode(), row.getErrorMessage(), row.getStatus() == JobStatus.RUNNING && isStale(row));
  }

  private boolean isStale(DraftJobRecord row) {
    return row.getHeartbeatAt().plus(STALE_AFTER).isBefore(machineNow());
  }

  private LocalDateTime machineNow() {
    return LocalDateTime.ofInstant(machine.instant(), ZoneOffset.UTC);
  }

  private static String clip(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
