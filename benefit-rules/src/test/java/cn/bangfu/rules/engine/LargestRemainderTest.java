package cn.bangfu.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void leftover_fen_go_to_the_largest_remainders_and_ties_to_the_lower_index() {
        // 10 fen by 1:1:1 → 3.33 each; the one leftover fen goes to index 0
        assertThat(LargestRemainder.split(10, new long[] {1, 1, 1})).containsExactly(4, 3, 3);
        // 100 fen by 1:2:3 → 16.67, 33.33, 50 → 17, 33, 50
        assertThat(LargestRemainder.split(100, new long[] {1, 2, 3})).containsExactly(17, 33, 50);
        // zero weights get nothing, even when fen are left over
        assertThat(LargestRemainder.split(5, new long[] {0, 1, 0, 1, 0})).containsExactly(0, 3, 0, 2, 0);
    }

    @Test
    void products_beyond_64_bits_are_exact() {
        long pool = Long.MAX_VALUE / 2;
        long[] parts = LargestRemainder.split(pool, new long[] {Long.MAX_VALUE / 3, Long.MAX_VALUE / 3, 7});
        assertThat(Arrays.stream(parts).sum()).isEqualTo(pool);
        assertThat(parts[0]).isEqualTo(parts[1]);
    }

    @Test
    void nothing_to_split_by_is_an_error_but_an_empty_pool_is_not() {
        assertThat(LargestRemainder.split(0, new long[] {0, 0})).containsExactly(0, 0);
        assertThatThrownBy(() -> LargestRemainder.split(1, new long[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.split(-1, new long[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void parts_sum_to_the_pool_and_each_is_its_quota_rounded_down_or_up(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long pool,
            @ForAll @Size(min = 1, max = 40) long[] rawWeights) {
        long[] w = Arrays.stream(rawWeights).map(x -> Math.floorMod(x, 1_000_000_000L)).toArray();
        if (Arrays.stream(w).sum() == 0) {
            w[0] = 1;
        }
        long[] parts = LargestRemainder.split(pool, w);
        assertThat(Arrays.stream(parts).sum()).isEqualTo(pool);
        BigInteger total = BigInteger.valueOf(Arrays.stream(w).sum());
        for (int i = 0; i < w.length; i++) {
            long floor = BigInteger.valueOf(pool).multiply(BigInteger.valueOf(w[i])).divide(total).longValueExact();
            assertThat(parts[i]).isBetween(floor, floor + 1);
            for (int j = 0; j < w.length; j++) {
                if (w[i] > w[j]) {
                    assertThat(parts[i]).isGreaterThanOrEqualTo(parts[j]);
                }
            }
        }
        assertThat(LargestRemainder.split(pool, Arrays.stream(w).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new)))
                .containsExactly(parts);
    }
}
