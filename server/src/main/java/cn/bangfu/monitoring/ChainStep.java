package cn.bangfu.monitoring;

/** The kinds of steps on a household's assistance chain (一户一条救助链), as stored in monitoring_step. */
public enum ChainStep {
  EVENT, MEASURE, REFERRAL, FOLLOW_UP, CLOSURE
}
