package cn.bangfu.rules.engine;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The largest-remainder split (DESIGN.md 5): part i is floor(P·w_i/Σw); the leftover fen go one each to the
 * largest remainders, ties to the lower index. Callers order their items so that "lower index" means the
 * earlier step or the lower household id. The parts always sum to P exactly and none is negative.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /**
     * @throws IllegalArgumentException if pool or a weight is negative, or pool &gt; 0 and every weight is 0
     */
    public static long[] split(long pool, long[] weights) {
        if (pool < 0) {
            throw new IllegalArgumentException("pool must not be negative: " + pool);
        }
        long total = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights must not be negative: " + w);
            }
            total += w;
            if (total < 0) {
                return split(pool, toBig(weights));
            }
        }
        int n = weights.length;
        long[] parts = new long[n];
        if (pool == 0) {
            return parts;
        }
        if (total == 0) {
            throw new IllegalArgumentException("cannot split " + pool + " fen: all weights are zero");
        }
        long[] rem = new long[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            long w = weights[i];
            if (w == 0) {
                continue;
            }
            long lo = pool * w;
            long q;
            long r;
            if (Math.multiplyHigh(pool, w) == 0 && lo >= 0) {
                q = lo / total;
                r = lo - q * total;
            } else {
                // pool·w needs more than 63 bits; q ≤ pool and r < total still fit in a long.
                BigInteger[] qr = BigInteger.valueOf(pool).multiply(BigInteger.valueOf(w))
                        .divideAndRemainder(BigInteger.valueOf(total));
                q = qr[0].longValueExact();
                r = qr[1].longValueExact();
            }
            parts[i] = q;
            rem[i] = r;
            assigned += q;
        }
        long leftover = pool - assigned;
        if (leftover > 0) {
            awardLeftover(parts, rem, (int) leftover);
        }
        return parts;
    }

    /** The same split for weights that do not fit a long sum (rare: share-days of huge holdings). */
    public static long[] split(long pool, BigInteger[] weights) {
        if (pool < 0) {
            throw new IllegalArgumentException("pool must not be negative: " + pool);
        }
        BigInteger total = BigInteger.ZERO;
        for (BigInteger w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("weights must not be negative: " + w);
            }
            total = total.add(w);
        }
        int n = weights.length;
        long[] parts = new long[n];
        if (pool == 0) {
            return parts;
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("cannot split " + pool + " fen: all weights are zero");
        }
        BigInteger p = BigInteger.valueOf(pool);
        BigInteger[] rem = new BigInteger[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = p.multiply(weights[i]).divideAndRemainder(total);
            parts[i] = qr[0].longValueExact();
            rem[i] = qr[1];
            assigned += parts[i];
        }
        long leftover = pool - assigned;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> rem[i]).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int k = 0; k < leftover; k++) {
            parts[order[k]]++;
        }
        return parts;
    }

    private static BigInteger[] toBig(long[] weights) {
        BigInteger[] big = new BigInteger[weights.length];
        for (int i = 0; i < weights.length; i++) {
            big[i] = BigInteger.valueOf(weights[i]);
        }
        return big;
    }

    /**
     * Gives one fen to each of the {@code leftover} largest remainders, ties to the lower index. Selection
     * instead of sorting keeps a million-household step linear.
     */
    private static void awardLeftover(long[] parts, long[] rem, int leftover) {
        long threshold = kthLargest(rem.clone(), leftover);
        int given = 0;
        for (int i = 0; i < rem.length; i++) {
            if (rem[i] > threshold) {
                parts[i]++;
                given++;
            }
        }
        for (int i = 0; i < rem.length && given < leftover; i++) {
            if (rem[i] == threshold) {
                parts[i]++;
                given++;
            }
        }
    }

    /** Quickselect with a three-way partition, so many equal remainders (equal splits) stay linear. */
    static long kthLargest(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1; // index in descending order
        while (true) {
            if (lo == hi) {
                return a[lo];
            }
            long pivot = median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) { // descending: [lo,lt) > pivot, [lt,gt] == pivot, (gt,hi] < pivot
                if (a[i] > pivot) {
                    swap(a, lt++, i++);
                } else if (a[i] < pivot) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (target < lt) {
                hi = lt - 1;
            } else if (target > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
