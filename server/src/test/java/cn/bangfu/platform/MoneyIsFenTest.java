package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.db.DefaultSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Invariant 1: money is integer fen (BIGINT), never float or double, and money fields end in Fen.
 * Read off the schema the code is generated from and off the production sources. Fields, parameters,
 * return types and any use of Double/Float are ArchitectureTest's (ArchUnit, on the bytecode); what
 * bytecode does not show, the columns and local variables, stays here.
 */
class MoneyIsFenTest {

  @Test
  void every_money_column_is_a_bigint_named_fen() {
    List<String> wrong = new ArrayList<>();
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      for (Field<?> field : table.fields()) {
        String name = field.getName();
        boolean money = name.endsWith("_fen") || name.contains("amount") || name.contains("price")
            || name.contains("budget");
        if (money && (!name.endsWith("_fen") || field.getType() != Long.class)) {
          wrong.add(table.getName() + "." + name + " " + field.getDataType().getTypeName());
        }
        if (field.getType() == Double.class || field.getType() == Float.class) {
          wrong.add(table.getName() + "." + name + " is floating point");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** Local variables leave no type in the class files ArchUnit reads, so their declarations are scanned here. */
  @Test
  void no_production_code_declares_a_local_float_or_double() throws IOException {
    Pattern floating = Pattern.compile("\\b(double|float|Double|Float)\\b\\s+[a-zA-Z_]");
    List<String> offenders = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("../benefit-rules/src/main/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("*") && !line.startsWith("//") && floating.matcher(line).find()) {
              offenders.add(file + ":" + (i + 1) + " " + line);
            }
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
