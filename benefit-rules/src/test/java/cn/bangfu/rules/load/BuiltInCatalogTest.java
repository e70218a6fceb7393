package cn.bangfu.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.model.RuleSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuiltInCatalogTest {

    @Test
    void every_built_in_rule_set_loads_from_the_classpath() {
        assertThat(RuleSetCatalog.loadBuiltIn().all()).extracting(RuleSet::id).containsExactly("100-1-1",
                "coop-surplus-60", "fiscal-equity-guaranteed", "household-rooftop-pv", "land-guaranteed-plus-profit",
                "land-leaseback", "pv-station-welfare-posts");
    }

    @Test
    void the_index_lists_exactly_the_files_of_the_rules_directory() throws Exception {
        Path rules = Path.of("rules");
        try (Stream<Path> s = Files.list(rules)) {
            var files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            var listed = Files.readAllLines(rules.resolve("index.txt")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
            assertThat(listed).isEqualTo(files);
        }
        assertThat(RuleSetCatalog.loadDirectory(rules).all()).hasSameSizeAs(RuleSetCatalog.loadBuiltIn().all());
    }

    @Test
    void a_rule_set_serialises_to_plain_json_and_keeps_its_text() throws Exception {
        RuleSet r = RuleSetCatalog.loadBuiltIn().get("pv-station-welfare-posts");
        String json = new ObjectMapper().writeValueAsString(r.toMap());
        assertThat(json).contains("\"basis\":\"post_days\"").contains("\"minLaborDays\":\"20\"").contains("\"postPay\":true")
                .contains("\"laborMinimumPercent\":{\"FULL\":\"100\",\"PARTIAL\":\"50\"}");
        assertThat(r.yamlText()).contains("扶贫不扶懒");
    }
}
