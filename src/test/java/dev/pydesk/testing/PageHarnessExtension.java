package dev.pydesk.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The life cycle of {@link PageTest}: before a class's first test, one {@link PageHarness} (and the servers the
 * annotation asks for), kept in the class's store so that JUnit closes them after its last test; before each test,
 * the harness's console cleared. They are handed out as parameters and set into the class's unset fields of their
 * type (static ones before the class, instance ones on each new test instance).
 */
public final class PageHarnessExtension
        implements BeforeAllCallback, BeforeEachCallback, TestInstancePostProcessor, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PageHarnessExtension.class);

    /** What one test class was given, closed by JUnit when the class's store goes. */
    private record Fixtures(PageHarness page, TestHttpServer http, EchoWebSocketServer webSocket)
            implements AutoCloseable {
        Object of(Class<?> type) {
            if (type == PageHarness.class) return page;
            if (type == TestHttpServer.class) return http;
            if (type == EchoWebSocketServer.class) return webSocket;
            return null;
        }

        @Override
        public void close() throws Exception {
            try {
                if (webSocket != null) webSocket.close();
            } finally {
                try {
                    if (http != null) http.close();
                } finally {
                    page.close();
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Fixtures fixtures = fixtures(context);
        for (Field field : fields(context.getRequiredTestClass())) {
            if (Modifier.isStatic(field.getModifiers())) set(field, null, fixtures);
        }
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
        Fixtures fixtures = fixtures(context);
        for (Field field : fields(instance.getClass())) {
            if (!Modifier.isStatic(field.getModifiers())) set(field, instance, fixtures);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fixtures(context).page().clearConsole();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PageHarness.class || type == TestHttpServer.class || type == EchoWebSocketServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Object value = fixtures(context).of(type);
        if (value == null) {
            throw new ParameterResolutionException("@PageTest of " + context.getRequiredTestClass().getSimpleName()
                    + " does not ask for a " + type.getSimpleName() + " (http = true, webSocket = true)");
        }
        return value;
    }

    /** The class's fixtures, made on first use and kept in the store of the class's own context. */
    private static Fixtures fixtures(ExtensionContext context) {
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent()) owner = owner.getParent().orElseThrow();
        ExtensionContext classContext = owner;
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Fixtures.class, key -> make(classContext), Fixtures.class);
    }

    private static Fixtures make(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        PageTest settings = AnnotationSupport.findAnnotation(testClass, PageTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException(testClass + " is not a @PageTest"));
        PageHarness page = new PageHarness(Duration.ofSeconds(settings.scriptTimeoutSeconds()));
        TestHttpServer http = null;
        EchoWebSocketServer webSocket = null;
        try {
            if (settings.http()) http = TestHttpServer.launch();
            if (settings.webSocket()) webSocket = EchoWebSocketServer.launch();
        } catch (Exception e) {
            if (http != null) http.close();
            page.close();
            throw new ExtensionConfigurationException("the servers of " + testClass.getSimpleName()
                    + " did not start", e);
        }
        return new Fixtures(page, http, webSocket);
    }

    /** The fields of the class and its superclasses that the extension fills: of a fixture's type, not final. */
    private static List<Field> fields(Class<?> testClass) {
        List<Field> found = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Class<?> type = field.getType();
                boolean fixture = type == PageHarness.class || type == TestHttpServer.class
                        || type == EchoWebSocketServer.class;
                if (fixture && !Modifier.isFinal(field.getModifiers())) found.add(field);
            }
        }
        return found;
    }

    private static void set(Field field, Object instance, Fixtures fixtures) throws IllegalAccessException {
        Object value = fixtures.of(field.getType());
        if (value == null) {
            throw new ExtensionConfigurationException("@PageTest of " + field.getDeclaringClass().getSimpleName()
                    + " does not ask for the " + field.getType().getSimpleName() + " of its field " + field.getName());
        }
        field.setAccessible(true);
        Optional<Object> before = Optional.ofNullable(field.get(instance));
        if (before.isPresent() && before.get() != value) {
            throw new ExtensionConfigurationException(field + " is set by the class itself; @PageTest fills it");
        }
        field.set(instance, value);
    }
}
