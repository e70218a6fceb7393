package cn.bangfu.matching;

import cn.bangfu.matching.MatchScoring.CooperativeFacts;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.matching.MatchScoring.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Ranks many candidates in memory: every candidate is scored (numbers only), a bounded heap keeps
 * the best {@code limit}, and only those are explained. Pure, like the scoring function. A product
 * can have 100,000 open lots: once the heap is full, a lot that does not rank before the worst kept
 * one is passed over without building its score.
 */
public final class Ranking {
  private Ranking() {
  }

  public static List<Score> topLots(DemandFacts demand, List<LotFacts> lots, Map<Long, CooperativeFacts> cooperatives,
      int limit) {
    Comparator<Score> best = MatchScoring::compare;
    // The heap's head is the worst kept match, so a better one replaces it in O(log limit).
    PriorityQueue<Score> kept = new PriorityQueue<>(limit + 1, best.reversed());
    long cooperativeId = 0;
    CooperativeFacts cooperative = null;
    for (LotFacts lot : lots) {
      // a cooperative's lots usually come together (matching's snapshot keeps them so): one look-up per run
      if (cooperative == null || lot.cooperativeId() != cooperativeId) {
        cooperativeId = lot.cooperativeId();
        cooperative = cooperatives.getOrDefault(cooperativeId, CooperativeFacts.NONE);
      }
      if (kept.size() == limit && !MatchScoring.ranksBefore(demand, lot, cooperative, kept.peek())) {
        continue;
      }
      offer(kept, MatchScoring.score(demand, lot, cooperative), limit, best);
    }
    return sorted(kept, best);
  }

  /** The reverse view: demands a lot fits; {@code cooperativeFor} gives the lot's cooperative as each buyer sees it. */
  public static List<Score> topDemands(LotFacts lot, List<DemandFacts> demands,
      java.util.function.Function<DemandFacts, CooperativeFacts> cooperativeFor, int limit) {
    Comparator<Score> best = MatchScoring::compare;
    PriorityQueue<Score> kept = new PriorityQueue<>(limit + 1, best.reversed());
    for (DemandFacts demand : demands) {
      offer(kept, MatchScoring.score(demand, lot, cooperativeFor.apply(demand)), limit, best);
    }
    return sorted(kept, best);
  }

  private static void offer(PriorityQueue<Score> kept, Score score, int limit, Comparator<Score> best) {
    if (score == null) {
      return;
    }
    if (kept.size() < limit) {
      kept.add(score);
    } else if (best.compare(score, kept.peek()) < 0) {
      kept.poll();
      kept.add(score);
    }
  }

  private static List<Score> sorted(PriorityQueue<Score> kept, Comparator<Score> best) {
    List<Score> result = new ArrayList<>(kept);
    result.sort(best);
    return result;
  }
}
