package cn.bangfu.rules.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing wrong with a rule file, precise enough to fix without reading the engine: the file, the 1-based
 * line and column, the field path (e.g. {@code steps[1].split[0].percent}) and what is wrong.
 */
public record RuleProblem(String file, int line, int column, String field, String message) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("line", line);
        m.put("column", column);
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + field + ": " + message;
    }
}
