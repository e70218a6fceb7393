package cn.bangfu.rules.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node was written. Jackson's own tree forgets
 * locations, and error messages must name the line. Scalars keep their text, so numbers are never
 * squeezed through a double.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        int column();

        default String kindName() {
            return this instanceof MapNode ? "a mapping" : this instanceof ListNode ? "a list" : "a value";
        }
    }

    record Entry(String key, int line, int column, Node value) {
    }

    record MapNode(Map<String, Entry> entries, int line, int column) implements Node {
    }

    record ListNode(List<Node> items, int line, int column) implements Node {
    }

    /** {@code text} is null for YAML null; {@code quoted} strings are never numbers or booleans. */
    record Scalar(String text, JsonToken token, int line, int column) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    private YamlTree() {
    }

    /** Parses the text; syntax errors and duplicate keys go to {@code problems}; null on a syntax error. */
    static Node parse(String file, String text, List<RuleProblem> problems) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(new RuleProblem(file, 1, 1, "(file)", "the file is empty"));
                return null;
            }
            Node root = read(file, p, t, "", problems);
            if (p.nextToken() != null) {
                problems.add(new RuleProblem(file, line(p), col(p), "(file)", "only one YAML document per rule file"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(new RuleProblem(file, loc == null ? 1 : Math.max(1, loc.getLineNr()),
                    loc == null ? 1 : Math.max(1, loc.getColumnNr()), "(syntax)",
                    "YAML syntax error: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new RuleProblem(file, 1, 1, "(file)", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private static Node read(String file, JsonParser p, JsonToken t, String path, List<RuleProblem> problems)
            throws IOException {
        int line = line(p);
        int col = col(p);
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int kl = line(p);
                    int kc = col(p);
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    Node value = read(file, p, p.nextToken(), childPath, problems);
                    if (entries.containsKey(key)) {
                        problems.add(new RuleProblem(file, kl, kc, childPath, "duplicate field (also on line "
                                + entries.get(key).line() + ")"));
                    } else {
                        entries.put(key, new Entry(key, kl, kc, value));
                    }
                }
                return new MapNode(entries, line, col);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(file, p, i, path + "[" + items.size() + "]", problems));
                }
                return new ListNode(items, line, col);
            }
            default -> {
                return new Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), t, line, col);
            }
        }
    }

    private static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    private static int col(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getColumnNr());
    }
}
