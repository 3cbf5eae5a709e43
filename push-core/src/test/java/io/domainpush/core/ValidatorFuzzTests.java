package io.domainpush.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.domainpush.core.rules.DomainNames;
import io.domainpush.core.rules.EmailAddresses;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz tests of the validators everything else trusts. In a normal test run they
 * replay their seed inputs; {@code JAZZER_FUZZ=1} fuzzes one of them for its
 * {@code maxDuration} ({@code .ci/run} does a short round of each).
 */
class ValidatorFuzzTests {

	@FuzzTest(maxDuration = "20s")
	void domainNamesAreCanonicalAndHarmless(FuzzedDataProvider data) {
		String input = data.consumeRemainingAsString();
		String name = DomainNames.normalize(input);
		if (name == null) {
			return;
		}
		assertThat(name).hasSizeLessThanOrEqualTo(DomainNames.MAX_LENGTH).matches("[a-z0-9.-]+").contains(".");
		assertThat(name).doesNotStartWith(".").doesNotEndWith(".").doesNotContain("..");
		assertThat(DomainNames.normalize(name)).isEqualTo(name);
		assertThat(name).isEqualToIgnoringCase(input);
	}

	@FuzzTest(maxDuration = "20s")
	void acceptedAddressesAreOnePlainAddress(FuzzedDataProvider data) {
		String address = data.consumeRemainingAsString();
		if (!EmailAddresses.isValid(address)) {
			return;
		}
		assertThat(address).hasSizeLessThanOrEqualTo(EmailAddresses.MAX_LENGTH);
		assertThat(address.chars().filter(c -> c == '@').count()).isEqualTo(1);
		assertThat(address.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
		assertThat(address).doesNotContain(",", ";", "<", ">", "\"", "(", ")", " ");
	}

}
