package cn.bangfu.rules.facts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The area of a cooperative's base (基地) that area-based checks (100+1+1) are measured against, with where
 * the figure comes from. Registered plots are the best evidence, the contract area the next; the land members
 * put in as shares is only what the engine falls back to when the server knows neither (see
 * {@code ComplianceEvaluator}), because a base is often leased land no member holds shares in.
 */
public record BaseArea(Source source, BigDecimal mu) {

    public enum Source {
        /** The plots in the cooperative's plot register in force on the period's last day (地块登记). */
        PLOTS("登记地块", "registered plots"),
        /** The area of the cooperative's land contracts (流转/承包合同面积). */
        CONTRACT("合同面积", "contract area"),
        /** Land members hold as shares (土地入股), when nothing better is known. */
        LAND_SHARES("成员土地入股", "members' land shares");

        private final String zh;
        private final String en;

        Source(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() {
            return zh;
        }

        public String en() {
            return en;
        }
    }

    public BaseArea {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mu, "mu");
        if (mu.signum() < 0) {
            throw new IllegalArgumentException("a base area must not be negative: " + mu);
        }
    }

    public static BaseArea plots(BigDecimal mu) {
        return new BaseArea(Source.PLOTS, mu);
    }

    public static BaseArea contract(BigDecimal mu) {
        return new BaseArea(Source.CONTRACT, mu);
    }
}
