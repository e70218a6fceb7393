package cn.bangfu.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a {@link TestServer} field that {@link LedgerServerExtension} fills: one server per test class,
 * started before the class's own {@code @BeforeAll} methods run and closed after its {@code @AfterAll}
 * ones. Putting it on a field registers the extension, as JUnit's own {@code @TempDir} does, so a test
 * class needs nothing else:
 *
 * <pre>{@code
 * class OrderLifecycleTest {
 *   @ClassServer static TestServer server;
 *   @ClassServer(secondInstance = true) static TestServer second;   // beside it, same database and key
 * }
 * }</pre>
 *
 * Methods may instead take a {@code TestServer} parameter (the same instance).
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LedgerServerExtension.class)
public @interface ClassServer {
  /** {@code true}: {@link TestServer#secondInstance()} of the class's server, what a load balancer puts beside it. */
  boolean secondInstance() default false;
}
