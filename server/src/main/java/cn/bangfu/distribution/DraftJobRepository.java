package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.DRAFT_JOB;

import cn.bangfu.db.tables.records.DraftJobRecord;
import cn.bangfu.distribution.DraftProgress.JobStatus;
import cn.bangfu.distribution.DraftProgress.Stage;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The draft jobs' rows (table draft_job, V30): what a job's page, on any instance, reads. */
public final class DraftJobRepository {

  /** The job running for this draft key, locked until the caller's transaction ends. */
  public DraftJobRecord runningWithKeyForUpdate(DSLContext db, String key) {
    return db.selectFrom(DRAFT_JOB).where(DRAFT_JOB.RUNNING_KEY.eq(key)).forUpdate().fetchOne();
  }

  public Optional<Long> idRunningWithKey(DSLContext db, String key) {
    return db.select(DRAFT_JOB.ID).from(DRAFT_JOB).where(DRAFT_JOB.RUNNING_KEY.eq(key)).fetchOptional(DRAFT_JOB.ID);
  }

  public void insert(DSLContext db, DraftJobRecord job) {
    db.insertInto(DRAFT_JOB).set(job).execute();
  }

  /** A job whose process died: FAILED, its key freed for the same draft requested again. */
  public void markInterrupted(DSLContext db, long id) {
    db.update(DRAFT_JOB).set(DRAFT_JOB.STATUS, JobStatus.FAILED).setNull(DRAFT_JOB.RUNNING_KEY)
        .set(DRAFT_JOB.ERROR_HTTP_CODE, 503).set(DRAFT_JOB.ERROR_MESSAGE, "interrupted: its server stopped")
        .where(DRAFT_JOB.ID.eq(id)).execute();
  }

  /** A report of progress, written only while the job is still running (a late report never undoes its end). */
  public void progress(DSLContext db, long id, Stage stage, int done, int total, LocalDateTime beat) {
    db.update(DRAFT_JOB).set(DRAFT_JOB.STAGE, stage).set(DRAFT_JOB.DONE_COUNT, done)
        .set(DRAFT_JOB.TOTAL_COUNT, total).set(DRAFT_JOB.HEARTBEAT_AT, beat)
        .where(DRAFT_JOB.ID.eq(id).and(DRAFT_JOB.STATUS.eq(JobStatus.RUNNING))).execute();
  }

  public void done(DSLContext db, long id, long runId, LocalDateTime beat) {
    db.update(DRAFT_JOB).set(DRAFT_JOB.STATUS, JobStatus.DONE).set(DRAFT_JOB.RUN_ID, runId)
        .setNull(DRAFT_JOB.RUNNING_KEY).set(DRAFT_JOB.HEARTBEAT_AT, beat).where(DRAFT_JOB.ID.eq(id)).execute();
  }

  public void failed(DSLContext db, long id, int status, String field, String message, LocalDateTime beat) {
    db.update(DRAFT_JOB).set(DRAFT_JOB.STATUS, JobStatus.FAILED).set(DRAFT_JOB.ERROR_HTTP_CODE, status)
        .set(DRAFT_JOB.ERROR_FIELD, field).set(DRAFT_JOB.ERROR_MESSAGE, message)
        .setNull(DRAFT_JOB.RUNNING_KEY).set(DRAFT_JOB.HEARTBEAT_AT, beat).where(DRAFT_JOB.ID.eq(id)).execute();
  }

  public DraftJobRecord find(DSLContext db, long id) {
    return db.selectFrom(DRAFT_JOB).where(DRAFT_JOB.ID.eq(id)).fetchOne();
  }

  /** The cooperative's running jobs, newest first. */
  public List<DraftJobRecord> running(DSLContext db, long cooperativeId, int limit) {
    return db.selectFrom(DRAFT_JOB).where(DRAFT_JOB.COOPERATIVE_ID.eq(cooperativeId))
        .and(DRAFT_JOB.STATUS.eq(JobStatus.RUNNING)).orderBy(DRAFT_JOB.CREATED_AT.desc()).limit(limit).fetch();
  }
}
