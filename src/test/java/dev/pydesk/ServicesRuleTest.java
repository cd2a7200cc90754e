package dev.pydesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PyDesk's executors and its HTTP client are made in one place, {@code Services} (built by the launcher, closed in
 * one place), and handed to whoever needs them; threads of their own only where a stated reason needs one.
 */
class ServicesRuleTest {
    private static final String SERVICES = "dev.pydesk.interpreter.python.Services";

    /**
     * Who may start a thread of its own, and why: a worker's interpreter (its own thread, with a deep stack for
     * Python's recursion), the file watcher of live reload (blocks in the watch service), the reader of standard
     * input for headless prompts (blocks in read) and headless mode's deadline (outlives everything else); Services
     * makes its executors' threads and the one shutdown hook ({@code Services.lastWrites}).
     */
    private static final String OWN_THREADS = "dev\\.pydesk\\..*\\.(Services|WorkerThread|LiveReload|PageDialogs"
            + "|HeadlessRun)(\\$.*)?";

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pydesk");
        assertTrue(classes.contain(SERVICES), "the main classes were not imported");
    }

    private static DescribedPredicate<JavaCall<?>> makesAnExecutorOrAnHttpClient() {
        return DescribedPredicate.describe("make an executor (Executors.new*) or an HTTP client", call -> {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            return owner.isEquivalentTo(Executors.class) && name.startsWith("new")
                    || owner.isEquivalentTo(HttpClient.class) && (name.equals("newBuilder") || name.equals("newHttpClient"));
        });
    }

    private static ArchRule onlyServicesMakeExecutorsAndHttpClients() {
        return noClasses().that().doNotHaveFullyQualifiedName(SERVICES)
                .should().callCodeUnitWhere(makesAnExecutorOrAnHttpClient())
                .because("Services owns every executor and the one HTTP client, and closes them");
    }

    @Test
    void onlyServicesMakesExecutorsAndTheHttpClient() {
        onlyServicesMakeExecutorsAndHttpClients().check(classes);
        // ... and the rule sees such calls: without its exception, Services itself breaks it
        assertThrows(AssertionError.class, () -> noClasses().should().callCodeUnitWhere(makesAnExecutorOrAnHttpClient())
                .check(classes));
    }

    @Test
    void threadsOfTheirOwnOnlyWhereTheAllowListSaysWhy() {
        noClasses().that().haveNameNotMatching(OWN_THREADS)
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().callConstructor(Thread.class, ThreadGroup.class, Runnable.class, String.class, long.class)
                .orShould().callMethod(Thread.class, "ofPlatform")
                .orShould().callMethod(Thread.class, "ofVirtual")
                .orShould().callMethod(Thread.class, "startVirtualThread", Runnable.class)
                .because("a thread of its own is closed by nobody: take one of Services' executors instead")
                .check(classes);
        // ... and the rule sees such calls: the allow-listed classes do start threads
        assertThrows(AssertionError.class, () -> noClasses().should().callMethod(Thread.class, "ofPlatform")
                .orShould().callConstructor(Thread.class, Runnable.class, String.class).check(classes));
    }
}
