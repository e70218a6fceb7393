package cn.bangfu.distribution;

/**
 * Where a draft is, told by {@link DraftService} as it goes, so the accountant's page can show a
 * progress bar while a large cooperative is drafted (issue 16). Called on the draft's worker thread,
 * inside its transaction; a listener writes elsewhere (the job row, in its own autocommitted statements).
 * A transaction run again after a deadlock reports from the start again.
 */
@FunctionalInterface
public interface DraftProgress {
  DraftProgress NONE = (stage, done, total) -> { };

  /** {@code done} of {@code total} items of the stage (households' lines when writing; 0 of 0 when not counted). */
  void at(Stage stage, int done, int total);

  /** The draft's stages, in order. */
  enum Stage {
    /** reading the period's sales, income, costs, members and shares from the book */
    GATHERING,
    /** the rule set's pure engine allocating the pool */
    ALLOCATING,
    /** storing each line with its explanation */
    WRITING
  }

  /** A draft job's state (table draft_job). */
  enum JobStatus {
    RUNNING, DONE, FAILED
  }
}
