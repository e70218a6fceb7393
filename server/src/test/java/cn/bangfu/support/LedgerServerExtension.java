package cn.bangfu.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The in-process server harness: one real {@link TestServer} (fresh database, random port, admin
 * signed in) per test class, started before the class's {@code @BeforeAll} methods and closed after
 * its {@code @AfterAll} methods, even when they fail. It replaces the start/stop pair every HTTP test
 * class used to copy.
 *
 * <p>Register it with a static {@link ClassServer} field, which it fills in (an instance field is
 * filled only when the class registers the extension itself: JUnit registers an extension named on an
 * instance field after the instance is made), or with {@code @ExtendWith(LedgerServerExtension.class)}
 * and take a {@code TestServer} parameter in any
 * {@code @BeforeAll}, {@code @BeforeEach} or {@code @Test} method, the way vertx-junit5's
 * {@code VertxExtension} hands out {@code Vertx} and {@code VertxTestContext} (both can be used in one
 * class: they resolve different types). The server is started lazily, so a class that only asks for a
 * parameter in one method still gets exactly one.
 *
 * <p>The server is kept in the class's {@link ExtensionContext.Store}: nested classes see their outer
 * class's server, and a failed start fails the class with the cause instead of a null field.
 */
public final class LedgerServerExtension
    implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(LedgerServerExtension.class);
  private static final String SERVER = "server";
  private static final String SECOND = "second";

  @Override
  public void beforeAll(ExtensionContext context) {
    injectFields(context, null);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    injectFields(context, testInstance);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // the second instance first: it shares the first one's database
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TestServer second = store.remove(SECOND, TestServer.class);
    TestServer server = store.remove(SERVER, TestServer.class);
    try {
      if (second != null) {
        second.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    boolean second = parameter.findAnnotation(ClassServer.class).map(ClassServer::secondInstance).orElse(false);
    return second ? second(context) : server(context);
  }

  /** Fills the {@link ClassServer} fields: static ones before all ({@code instance} null), the others per instance. */
  private static void injectFields(ExtensionContext context, Object instance) {
    Class<?> testClass = context.getRequiredTestClass();
    for (Field field : AnnotationSupport.findAnnotatedFields(testClass, ClassServer.class,
        f -> Modifier.isStatic(f.getModifiers()) == (instance == null), HierarchyTraversalMode.TOP_DOWN)) {
      if (field.getType() != TestServer.class || Modifier.isFinal(field.getModifiers())) {
        throw new ExtensionConfigurationException("@ClassServer needs a non-final TestServer field: " + field);
      }
      boolean second = field.getAnnotation(ClassServer.class).secondInstance();
      try {
        field.setAccessible(true);
        field.set(instance, second ? second(context) : server(context));
      } catch (IllegalAccessException e) {
        throw new ExtensionConfigurationException("cannot set " + field, e);
      }
    }
  }

  /** The class's server; Store#getOrComputeIfAbsent also looks in the enclosing classes' stores. */
  private static TestServer server(ExtensionContext context) {
    return classContext(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(SERVER, key -> TestServer.start(), TestServer.class);
  }

  private static TestServer second(ExtensionContext context) {
    TestServer first = server(context);
    return classContext(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(SECOND, key -> first.secondInstance(), TestServer.class);
  }

  /** Where the servers live: the test class's context, even when asked from a test method's. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }
}
