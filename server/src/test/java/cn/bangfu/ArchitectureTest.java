package cn.bangfu;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering and money rules of DESIGN.md, read off the compiled production classes by ArchUnit
 * (issue 18 point 6), instead of regular expressions over the sources. Plain JUnit tests calling
 * {@code rule.check} rather than ArchUnit's own engine: surefire's -Dtest filter and reports treat
 * them like every other test.
 */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("cn.bangfu");
  }

  @Test
  void platform_imports_no_capability() {
    PLATFORM_IMPORTS_NO_CAPABILITY.check(production);
  }

  /**
   * The rule is not vacuous, and it needs no list of capabilities: a platform class naming monitoring
   * (a capability the old hand-kept list had missed) or the server's wiring is caught.
   */
  @Test
  void platform_naming_any_capability_is_caught() {
    JavaClasses fixture = new ClassFileImporter().importClasses(cn.bangfu.platform.NamesACapability.class);
    org.assertj.core.api.Assertions.assertThat(PLATFORM_IMPORTS_NO_CAPABILITY.evaluate(fixture).getFailureReport()
        .getDetails()).anyMatch(d -> d.contains("cn.bangfu.monitoring.AlertKind"))
        .anyMatch(d -> d.contains("cn.bangfu.LedgerServer"));
  }

  @Test
  void sql_is_written_only_in_repositories_and_platform() {
    SQL_ONLY_IN_REPOSITORIES_AND_PLATFORM.check(production);
  }

  /** The hand-written conditions are not vacuous: ClosedYears' queries and java.lang.Math's doubles are seen. */
  @Test
  void the_custom_conditions_catch_what_they_describe() {
    ArchRule withoutExemptions = noClasses().that().haveFullyQualifiedName("cn.bangfu.ledger.ClosedYears")
        .should(callDslContextBeyondPlumbing());
    org.assertj.core.api.Assertions.assertThat(withoutExemptions.evaluate(production).hasViolation()).isTrue();
    ArchRule floating = noClasses().that().haveFullyQualifiedName("java.lang.Math")
        .should(declareFloatingPointInASignature());
    org.assertj.core.api.Assertions.assertThat(floating.evaluate(
        new ClassFileImporter().importClasses(Math.class)).hasViolation()).isTrue();
  }

  @Test
  void no_field_is_floating_point() {
    NO_FLOATING_POINT_FIELDS.check(production);
  }

  @Test
  void no_signature_or_call_uses_floating_point() {
    NO_FLOATING_POINT_IN_SIGNATURES.check(production);
  }

  private static final Set<Class<?>> FLOATING = Set.of(double.class, float.class, Double.class, Float.class);

  /**
   * Platform may use libraries, itself and the generated jOOQ classes; every other cn.bangfu package
   * is a capability (or the server that wires them), whatever its name, so a new capability needs no
   * entry here. Identity reaches platform only through platform's own Caller and Authentication.
   */
  static final ArchRule PLATFORM_IMPORTS_NO_CAPABILITY = classes()
      .that().resideInAPackage("cn.bangfu.platform..")
      .should().onlyDependOnClassesThat(not(resideInAPackage("cn.bangfu.."))
          .or(resideInAnyPackage("cn.bangfu.platform..", "cn.bangfu.db..", "cn.bangfu.rules.result..")))
      .because("platform is what every capability builds on (DESIGN.md); it cannot know them (the pure core's"
          + " fen → yuan text, rules.result.Money, is a library, not a capability)");

  /**
   * Two repositories by another name, kept as they are so this change stays inside its point:
   * ledger.AccountDirectory creates accounts on its own committed JDBC connection, and
   * ledger.ClosedYears reads and writes year_close for every capability that writes into a year.
   */
  private static final Set<String> REPOSITORIES_BY_ANOTHER_NAME = Set.of("cn.bangfu.ledger.AccountDirectory",
      "cn.bangfu.ledger.ClosedYears");

  /** Where SQL may be written: the platform's database door and each capability's repositories. */
  private static final DescribedPredicate<JavaClass> SQL_HOME = DescribedPredicate.describe(
      "platform, a *Repository or *Queries class, or generated jOOQ code",
      c -> c.getPackageName().startsWith("cn.bangfu.platform") || c.getPackageName().startsWith("cn.bangfu.db")
          || topLevel(c).getSimpleName().endsWith("Repository") || topLevel(c).getSimpleName().endsWith("Queries")
          || REPOSITORIES_BY_ANOTHER_NAME.contains(topLevel(c).getName()));

  /** Passing a DSLContext on to a repository or opening a transaction is not writing SQL. */
  private static final Set<String> PLUMBING = Set.of("transaction", "transactionResult", "configuration", "dsl");

  static final ArchRule SQL_ONLY_IN_REPOSITORIES_AND_PLATFORM = noClasses()
      .that(not(SQL_HOME))
      .should(callDslContextBeyondPlumbing())
      .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jooq.impl.DSL")
      .because("a capability's SQL lives in its repository, beside its routes and service");

  static final ArchRule NO_FLOATING_POINT_FIELDS = noFields()
      .that().areDeclaredInClassesThat().resideInAPackage("cn.bangfu..")
      .should().haveRawType(double.class).orShould().haveRawType(float.class)
      .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
      .because("money is integer fen (DESIGN.md invariant 1); ratios are BigDecimal");

  static final ArchRule NO_FLOATING_POINT_IN_SIGNATURES = noClasses()
      .that().resideInAPackage("cn.bangfu..")
      .should(declareFloatingPointInASignature())
      .orShould().dependOnClassesThat().belongToAnyOf(Double.class, Float.class)
      .because("money is integer fen (DESIGN.md invariant 1); ratios are BigDecimal");

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  private static ArchCondition<JavaClass> callDslContextBeyondPlumbing() {
    return new ArchCondition<>("build or run a query through DSLContext") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
          if (call.getTargetOwner().getName().equals(DSLContext.class.getName()) && !PLUMBING.contains(call.getName())) {
            events.add(SimpleConditionEvent.satisfied(call, call.getDescription())); // noClasses() turns a match into a violation
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> declareFloatingPointInASignature() {
    return new ArchCondition<>("declare a float or double parameter or return type") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaCodeUnit unit : c.getCodeUnits()) {
          boolean floating = FLOATING.stream().anyMatch(t -> unit.getRawReturnType().isEquivalentTo(t)
              || unit.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(t)));
          if (floating) {
            events.add(SimpleConditionEvent.satisfied(unit, unit.getFullName() + " uses floating point"));
          }
        }
      }
    };
  }
}
