package io.domainpush.api.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a company id wherever one is typed or sent as text. */
class CompanyIdsTests {

	@Test
	void shouldTakeOneTo18DigitsWithoutALeadingZero() {
		assertThat(CompanyIds.isOne("1002")).isTrue();
		assertThat(CompanyIds.isOne("999999999999999999")).isTrue();
		assertThat(CompanyIds.isOne("1234567890123456789")).as("19 digits may not fit a long").isFalse();
		assertThat(CompanyIds.isOne("0")).isFalse();
		assertThat(CompanyIds.isOne("01002")).isFalse();
		assertThat(CompanyIds.isOne(" 1002")).as("spaces are the forms' to forgive").isFalse();
		assertThat(CompanyIds.isOne("1002; drop")).isFalse();
	}

}
