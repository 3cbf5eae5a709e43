package io.domainpush.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * push-core is what the services share: contracts, schema, rules. No web, no listeners.
 */
class ArchitectureTests {

	private static final JavaClasses core = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.domainpush.core");

	@Test
	void shouldHaveNoWebCode() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "org.springframework.http..")
			.check(core);
	}

	@Test
	void shouldHaveNoKafkaListeners() {
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.kafka.annotation.KafkaListener")
			.check(core);
	}

	@Test
	void shouldKeepBusinessRulesFreeOfInfrastructure() {
		noClasses().that()
			.resideInAPackage("io.domainpush.core.rules")
			.and()
			.haveSimpleNameNotEndingWith("Repository")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
			.check(core);
	}

	@Test
	void shouldKeepEventsPlainRecords() {
		noClasses().that()
			.resideInAPackage("io.domainpush.core.events")
			.and()
			.haveSimpleNameNotEndingWith("Deserializer")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..")
			.check(core);
	}

}
