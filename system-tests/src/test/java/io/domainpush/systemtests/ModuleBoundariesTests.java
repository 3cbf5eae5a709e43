package io.domainpush.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries between the modules, checked where all of them are on the classpath:
 * controllers map HTTP only, the services never reach into each other or into the tooling
 * (local mode, benchmark), and each table the pipeline's guarantees rest on is written
 * from one class.
 */
class ModuleBoundariesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/**
	 * Who may write each table: the statements that decide a push's fate and its
	 * notification live in one place each (docs/decisions.md, “One home for push data”).
	 */
	private static final Map<String, List<String>> WRITERS = Map.of("pushes",
			List.of("push-core/src/main/java/io/domainpush/core/push/Pushes.java"), "notifications",
			List.of("push-core/src/main/java/io/domainpush/core/notification/Notifications.java"),
			"notification_digests", List.of("push-core/src/main/java/io/domainpush/core/notification/Digests.java"),
			"webhook_deliveries", List.of("push-core/src/main/java/io/domainpush/core/webhook/Webhooks.java"), "outbox",
			List.of("push-core/src/main/java/io/domainpush/core/outbox/OutboxWriter.java",
					"push-core/src/main/java/io/domainpush/core/outbox/OutboxRelay.java"));

	/**
	 * A statement that writes one of those tables by name; the shared delivery queue
	 * ({@code DeliveryQueue}) moves the three queues' rows through statements made from
	 * each kind's table, handed to it by the kind's one home.
	 */
	private static final Pattern WRITE = Pattern.compile(
			"(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(pushes|notifications|notification_digests|webhook_deliveries|outbox)\\b");

	// imported once for all the rules: the import is most of their cost
	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		// push-core's test fixtures come as a jar when the whole build runs
		.withImportOption(location -> !location.contains("-tests.jar"))
		.importPackages("io.domainpush");

	/**
	 * The packages of each module form a hierarchy: a feature may use another, never the
	 * other way round as well (e.g. push-api's account uses company, so company may not
	 * use account). A slice is one package of one module, such as {@code api.account}.
	 */
	@Test
	void packagesOfEveryModuleShouldBeFreeOfCycles() {
		slices().matching("io.domainpush.(*).(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void controllersShouldNotTouchTheDatabase() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.or()
			.areAnnotatedWith(Controller.class)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
			.because("controllers map HTTP; SQL lives in the repositories of their feature package")
			.check(classes);
	}

	@Test
	void controllersShouldNotHoldTransactions() {
		noMethods().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(RestController.class)
			.should()
			.beAnnotatedWith(Transactional.class)
			.because("transactions belong to the services of the feature package")
			.check(classes);
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.beAnnotatedWith(Transactional.class)
			.check(classes);
	}

	@Test
	void theOmaDialectShouldBeAnAdapterOverTheFeatureServices() {
		noClasses().that()
			.resideInAPackage("io.domainpush.api.oma..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
			.orShould()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Repository")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.domainpush.core.push.Pushes")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.domainpush.core.notification.Notifications")
			.orShould()
			.dependOnClassesThat()
			.areAnnotatedWith(RestController.class)
			.because("the OMA dialect maps names, shapes and errors; rules and queries are the feature services'")
			.check(classes);
	}

	@Test
	void nothingShouldDependOnTheTooling() {
		noClasses().that()
			.resideOutsideOfPackages("io.domainpush.local..", "io.domainpush.bench..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.domainpush.local..", "io.domainpush.bench..")
			.because("local mode and the benchmark run the services; the services never know them")
			.check(classes);
	}

	@Test
	void servicesShouldOnlyShareWhatIsInPushCore() {
		List<String> services = List.of("io.domainpush.api..", "io.domainpush.worker..", "io.domainpush.notifier..",
				"io.domainpush.cli..");
		for (String service : services) {
			noClasses().that()
				.resideInAPackage(service)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(services.stream().filter(other -> !other.equals(service)).toArray(String[]::new))
				.because("the services share contracts, schema and rules through push-core only")
				.check(classes);
		}
		noClasses().that()
			.resideInAPackage("io.domainpush.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(services.toArray(String[]::new))
			.check(classes);
	}

	@Test
	void eachPipelineTableShouldBeWrittenFromItsOneHome() throws IOException {
		try (Stream<Path> sources = Files.walk(ROOT)) {
			List<String> strays = sources.filter(path -> path.toString().endsWith(".java"))
				.filter(path -> ROOT.relativize(path).toString().matches("[^/]+/src/main/java/.*"))
				.flatMap(ModuleBoundariesTests::strayWrites)
				.toList();
			assertThat(strays).as("writes of pipeline tables outside their home (%s)", WRITERS).isEmpty();
		}
	}

	private static Stream<String> strayWrites(Path source) {
		String relative = ROOT.relativize(source).toString();
		String text;
		try {
			text = Files.readString(source);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Matcher write = WRITE.matcher(text);
		Stream.Builder<String> strays = Stream.builder();
		while (write.find()) {
			if (!WRITERS.get(write.group(2).toLowerCase()).contains(relative)) {
				strays.add(relative + ": " + write.group());
			}
		}
		return strays.build();
	}

}
