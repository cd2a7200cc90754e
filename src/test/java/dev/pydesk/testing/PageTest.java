package dev.pydesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that opens pages: {@link PageHarnessExtension} gives it one {@link PageHarness} for the whole class
 * (the WebView is made once, its console cleared before each test) and, when asked, a {@link TestHttpServer} and an
 * {@link EchoWebSocketServer} for the class. They reach the test as parameters (of a test, a constructor or a
 * {@code @BeforeAll}/{@code @BeforeEach} method) or in fields of their type, static or not, that the class leaves
 * unset. All three are closed after the class's last test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PageHarnessExtension.class)
public @interface PageTest {
    /** How long a page's scripts may run, in seconds ({@link PageHarness#PageHarness(java.time.Duration)}). */
    int scriptTimeoutSeconds() default 30;

    /** Whether the class gets a {@link TestHttpServer}. */
    boolean http() default false;

    /** Whether the class gets an {@link EchoWebSocketServer}. */
    boolean webSocket() default false;
}
