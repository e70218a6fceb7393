package cn.bangfu.rules.load;

import cn.bangfu.rules.model.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * All rule sets the server offers, by id. Built-in files are read from the classpath through
 * {@code benefit-rules/index.txt}, so listing works the same from a jar and from a directory.
 */
public final class RuleSetCatalog {
    /** Classpath folder of the packaged rule files. */
    public static final String RESOURCE_DIR = "benefit-rules/";
    public static final String INDEX = RESOURCE_DIR + "index.txt";

    private final Map<String, RuleSet> byId;

    private RuleSetCatalog(Map<String, RuleSet> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Loads every packaged rule file.
     *
     * @throws RuleSetException naming file, line and field of every problem (the server refuses to start)
     */
    public static RuleSetCatalog loadBuiltIn() {
        ClassLoader cl = RuleSetCatalog.class.getClassLoader();
        List<String[]> files = new ArrayList<>();
        for (String name : readResource(cl, INDEX).split("\\R")) {
            String n = name.strip();
            if (!n.isEmpty() && !n.startsWith("#")) {
                files.add(new String[] {n, readResource(cl, RESOURCE_DIR + n)});
            }
        }
        return of(files);
    }

    /** Loads every {@code *.yaml} file of a directory (a cooperative's own rules, or the source tree). */
    public static RuleSetCatalog loadDirectory(Path dir) {
        List<String[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                files.add(new String[] {p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)});
            }
        } catch (IOException e) {
            throw new RuleSetException("cannot read rule directory " + dir + ": " + e.getMessage(), e);
        }
        return of(files);
    }

    /** Builds a catalog from (file name, text) pairs; all problems of all files are reported together. */
    public static RuleSetCatalog of(List<String[]> nameAndText) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleSet> byId = new TreeMap<>();
        for (String[] f : nameAndText) {
            ParseResult r = RuleSetParser.parse(f[0], f[1]);
            if (!r.isValid()) {
                problems.addAll(r.problems());
                continue;
            }
            RuleSet prev = byId.putIfAbsent(r.ruleSet().id(), r.ruleSet());
            if (prev != null) {
                problems.add(new RuleProblem(f[0], 1, 1, "id", "rule set id '" + prev.id() + "' is already defined in "
                        + prev.fileName()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new RuleSetCatalog(byId);
    }

    /** All rule sets, ordered by id. */
    public List<RuleSet> all() {
        return List.copyOf(byId.values());
    }

    public Optional<RuleSet> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public RuleSet get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no rule set '" + id + "'"));
    }

    private static String readResource(ClassLoader cl, String name) {
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new RuleSetException("rule file " + name + " is listed but not on the classpath", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleSetException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
