package io.domainpush.core.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatorsTests {

	@ParameterizedTest
	@ValueSource(
			strings = { "example.com", "mail.example.co.uk", "a-b.example", "xn--bcher-kva.example", "EXAMPLE.COM" })
	void shouldAcceptDomainNames(String name) {
		assertThat(DomainNames.isValid(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "com", "-a.com", "a-.com", "a..com", "a.com.", "a b.com", "a_b.com", "10.0.0.1",
			"a.com\r\nX: y", "ex\u00e4mple.com",
			// Java lower-cases the Kelvin sign to an ASCII k: the name is refused, not
			// read as kelvin.example
			"\u212Aelvin.example" })
	void shouldRefuseInvalidDomainNames(String name) {
		assertThat(DomainNames.isValid(name)).isFalse();
	}

	@Test
	void shouldRefuseOverlongDomainNames() {
		String label = "a".repeat(63);
		assertThat(DomainNames.isValid(label + ".com")).isTrue();
		assertThat(DomainNames.isValid("a" + label + ".com")).isFalse();
		String longName = (label + ".").repeat(4) + "com"; // 259 characters
		assertThat(DomainNames.isValid(longName)).isFalse();
	}

	@Test
	void shouldNormalizeToLowerCase() {
		assertThat(DomainNames.normalize("Example.COM")).isEqualTo("example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ops@example.com", "first.last+tag@mail.example.org" })
	void shouldAcceptPlainAddresses(String address) {
		assertThat(EmailAddresses.isValid(address)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ops", "ops@", "@example.com", "a@b@example.com", "ops@example.com\r\nBcc: x@y.com",
			"ops@example.com\n", "Ops <ops@example.com>", "ops@example.com, x@example.com", "o ps@example.com",
			".ops@example.com", "ops.@example.com", "ops@localhost", "ops@\u212Aelvin.example" })
	void shouldRefuseAnythingButOnePlainAddress(String address) {
		assertThat(EmailAddresses.isValid(address)).isFalse();
	}

	@Test
	void shouldStartBillingOnFirstDayOfNextMonth() {
		BillingCycle cycle = new BillingCycle(ZoneId.of("UTC"));
		assertThat(cycle.nextCycleStart(Instant.parse("2026-11-28T18:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 1));
		assertThat(cycle.nextCycleStart(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(LocalDate.of(2027, 1, 1));
		assertThat(cycle.nextCycleStart(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(LocalDate.of(2027, 1, 1));
	}

	@Test
	void shouldBillAPushScheduledForACycleStartFromThatCycleHoweverLateItRan() {
		BillingCycle cycle = new BillingCycle(ZoneId.of("UTC"));
		Instant boundary = Instant.parse("2027-01-01T00:00:00Z");
		assertThat(cycle.nextCycleBoundary(Instant.parse("2026-12-05T18:00:00Z"))).isEqualTo(boundary);
		assertThat(cycle.billedFrom(boundary.plusSeconds(2), boundary)).isEqualTo(LocalDate.of(2027, 1, 1));
		assertThat(cycle.billedFrom(Instant.parse("2027-01-02T09:00:00Z"), boundary))
			.isEqualTo(LocalDate.of(2027, 1, 1));
		// not scheduled, or scheduled within a cycle: the next cycle after completion
		// (R8)
		assertThat(cycle.billedFrom(boundary.plusSeconds(2), null)).isEqualTo(LocalDate.of(2027, 2, 1));
		assertThat(cycle.billedFrom(Instant.parse("2027-01-15T10:00:01Z"), Instant.parse("2027-01-15T10:00:00Z")))
			.isEqualTo(LocalDate.of(2027, 2, 1));
	}

	@Test
	void shouldUseConfiguredZoneForCycles() {
		BillingCycle tokyo = new BillingCycle(ZoneId.of("Asia/Tokyo"));
		assertThat(tokyo.nextCycleStart(Instant.parse("2026-11-30T16:00:00Z"))).isEqualTo(LocalDate.of(2027, 1, 1));
	}

	@Test
	void shouldInheritOwnerDefaultsWithoutBrandAndKeepExplicitSettings() {
		Map<String, Object> effective = EffectiveSettings.of(Map.of("theme", "blue", "spam", "on"), null,
				Map.of("spam", "off"));
		assertThat(effective).containsExactlyInAnyOrderEntriesOf(Map.of("theme", "blue", "spam", "off"));
	}

	@Test
	void shouldTakeBrandSettingsOverOwnerDefaults() {
		Map<String, Object> effective = EffectiveSettings.of(Map.of("theme", "blue"), Map.of("theme", "red"), Map.of());
		assertThat(effective).containsExactlyEntriesOf(Map.of("theme", "red"));
	}

}
