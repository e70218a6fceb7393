package cn.bangfu.rules.load;

import cn.bangfu.rules.load.YamlTree.Entry;
import cn.bangfu.rules.load.YamlTree.ListNode;
import cn.bangfu.rules.load.YamlTree.MapNode;
import cn.bangfu.rules.load.YamlTree.Node;
import cn.bangfu.rules.load.YamlTree.Scalar;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.StatusSet;
import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to one mapping of a rule file. Every failed read records a {@link RuleProblem} at the
 * offending node and returns null, so one pass reports every problem instead of stopping at the first.
 */
final class Fields {
    final String file;
    final List<RuleProblem> problems;
    final MapNode map;
    final String path;

    Fields(String file, List<RuleProblem> problems, MapNode map, String path) {
        this.file = file;
        this.problems = problems;
        this.map = map;
        this.path = path;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(Node at, String field, String message) {
        problems.add(new RuleProblem(file, at.line(), at.column(), field, message));
    }

    void problemAtKey(String key, String message) {
        Entry e = map.entries().get(key);
        if (e == null) {
            problem(map, field(key), message);
        } else {
            problems.add(new RuleProblem(file, e.line(), e.column(), field(key), message));
        }
    }

    boolean has(String key) {
        Entry e = map.entries().get(key);
        return e != null && !(e.value() instanceof Scalar s && s.isNull());
    }

    Node node(String key) {
        Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    /** Reports fields the format does not know, with the nearest known spelling. */
    void rejectUnknown(Set<String> known) {
        for (Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                String near = known.stream().min(Comparator.comparingInt(k -> distance(k, e.key()))).orElse("");
                String hint = distance(near, e.key()) <= 3 ? "; did you mean '" + near + "'?" : "";
                problems.add(new RuleProblem(file, e.line(), e.column(), field(e.key()),
                        "unknown field '" + e.key() + "'" + hint + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    String requiredString(String key) {
        if (!has(key)) {
            problem(map, field(key), "required field '" + key + "' is missing");
            return null;
        }
        return string(key);
    }

    String string(String key) {
        Node n = node(key);
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return null;
        }
        if (!(n instanceof Scalar s) || s.text().isBlank()) {
            problem(n, field(key), "must be a non-empty text value, not " + n.kindName());
            return null;
        }
        return s.text().trim();
    }

    /** A decimal written as a YAML number (quoted numbers are accepted too, to be forgiving). */
    BigDecimal decimal(String key) {
        Node n = node(key);
        if (n == null || (n instanceof Scalar s0 && s0.isNull())) {
            return null;
        }
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT
                || s.token() == JsonToken.VALUE_STRING)) {
            try {
                return new BigDecimal(s.text().trim().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(n, field(key), "must be a number, not '" + (n instanceof Scalar s ? s.text() : n.kindName()) + "'");
        return null;
    }

    Long wholeNumber(String key) {
        BigDecimal d = decimal(key);
        if (d == null) {
            return null;
        }
        try {
            return d.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            problemAtKey(key, "must be a whole number, not " + d.toPlainString());
            return null;
        }
    }

    Boolean bool(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        problem(n, field(key), "must be true or false");
        return null;
    }

    Fields child(String key) {
        Node n = node(key);
        if (n instanceof MapNode m) {
            return new Fields(file, problems, m, field(key));
        }
        if (n != null) {
            problem(n, field(key), "must be a mapping (key: value lines), not " + n.kindName());
        }
        return null;
    }

    /** A list of mappings; a missing key gives an empty list. */
    List<Fields> children(String key) {
        Node n = node(key);
        List<Fields> out = new ArrayList<>();
        if (n == null || (n instanceof Scalar s && s.isNull())) {
            return out;
        }
        if (!(n instanceof ListNode l)) {
            problem(n, field(key), "must be a list ('- ' items), not " + n.kindName());
            return out;
        }
        for (int i = 0; i < l.items().size(); i++) {
            Node item = l.items().get(i);
            String p = field(key) + "[" + i + "]";
            if (item instanceof MapNode m) {
                out.add(new Fields(file, problems, m, p));
            } else {
                problem(item, p, "must be a mapping, not " + item.kindName());
            }
        }
        return out;
    }

    /** A list of text values (or one value) parsed by {@code parse}; unknown names are reported. */
    <E extends Enum<E>> Set<E> enumSet(String key, Class<E> type, Function<String, E> parse) {
        Node n = node(key);
        Set<E> out = EnumSet.noneOf(type);
        if (n == null || (n instanceof Scalar s0 && s0.isNull())) {
            return out;
        }
        List<Node> items = n instanceof ListNode l ? l.items() : List.of(n);
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        for (Node item : items) {
            E v = null;
            if (item instanceof Scalar s && s.text() != null) {
                try {
                    v = parse.apply(s.text().trim());
                } catch (IllegalArgumentException e) {
                    v = null;
                }
            }
            if (v == null) {
                problem(item, field(key), "unknown value '" + (item instanceof Scalar s ? s.text() : item.kindName())
                        + "' (allowed: " + allowed + ")");
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Household statuses: each item is a status (REGISTERED_POOR …) or the name of a {@link StatusSet}
     * ({@code poor}, {@code linkable}, {@code poor_or_exited}), so the definition of "poor"
     * lives in one place.
     */
    Set<HouseholdStatus> statuses(String key) {
        Node n = node(key);
        Set<HouseholdStatus> out = EnumSet.noneOf(HouseholdStatus.class);
        if (n == null || (n instanceof Scalar s0 && s0.isNull())) {
            return out;
        }
        List<Node> items = n instanceof ListNode l ? l.items() : List.of(n);
        for (Node item : items) {
            String text = item instanceof Scalar s && s.text() != null ? s.text().trim() : null;
            StatusSet named = text == null ? null : StatusSet.fromYaml(text).orElse(null);
            if (named != null) {
                out.addAll(named.statuses());
                continue;
            }
            HouseholdStatus one = text == null ? null : Arrays.stream(HouseholdStatus.values())
                    .filter(v -> v.name().equals(text)).findFirst().orElse(null);
            if (one == null) {
                problem(item, field(key), "unknown value '" + (text == null ? item.kindName() : text) + "' (allowed: "
                        + String.join(", ", Arrays.stream(StatusSet.values()).map(StatusSet::yamlName).toList()) + ", or "
                        + String.join(", ", Arrays.stream(HouseholdStatus.values()).map(Enum::name).toList()) + ")");
            } else {
                out.add(one);
            }
        }
        return out;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
