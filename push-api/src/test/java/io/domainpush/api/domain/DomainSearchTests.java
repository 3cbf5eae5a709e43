package io.domainpush.api.domain;

import io.domainpush.api.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainSearchTests {

	@Test
	void wildcardsBecomeLikePatternsAndSqlWildcardsStayLiteral() {
		assertThat(DomainSearch.wildcard("*.Example", false).namePattern()).isEqualTo("%.example");
		assertThat(DomainSearch.wildcard("a?c", true).namePattern()).isEqualTo("a_c");
		assertThat(DomainSearch.wildcard("50%_off\\*", false).namePattern()).isEqualTo("50\\%\\_off\\\\%");
		assertThat(DomainSearch.wildcard("x", true).descending()).isTrue();
	}

	@Test
	void aSearchedPartIsContainedAnywhereAndEscapedAlike() {
		assertThat(DomainSearch.containing(" Shop ").namePattern()).isEqualTo("%shop%");
		assertThat(DomainSearch.containing("a_b").namePattern()).isEqualTo("%a\\_b%");
		assertThat(DomainSearch.containing(null)).isEqualTo(DomainSearch.all());
		assertThat(DomainSearch.containing("  ")).isEqualTo(DomainSearch.all());
	}

	@Test
	void aPrefixIsARangeOfNamesAndOnlyAnInnerPartOfThreeCharactersInARowIsLeftToTheTrigramIndex() {
		assertThat(DomainSearch.all().nameCondition()).as("every domain: no condition").isEmpty();
		assertThat(DomainSearch.wildcard("ab*", false).nameCondition()).startsWith(" and name like :pattern");
		assertThat(DomainSearch.wildcard("a?c*", false).nameCondition()).startsWith(" and name like :pattern");
		assertThat(DomainSearch.wildcard("example.com", false).nameCondition()).startsWith(" and name like :pattern");
		assertThat(DomainSearch.containing("abc").nameCondition()).startsWith(" and lower(name) like :pattern");
		assertThat(DomainSearch.wildcard("*.ex*", false).nameCondition()).startsWith(" and lower(name) like :pattern");
		assertThat(DomainSearch.containing("ab").nameCondition()).startsWith(" and name like :pattern");
		assertThat(DomainSearch.wildcard("?bc*", false).nameCondition()).startsWith(" and name like :pattern");
		assertThat(DomainSearch.containing("a_b").nameCondition()).as("an escaped wildcard is a character")
			.startsWith(" and lower(name) like :pattern");
	}

	@Test
	void aPatternLongerThanADomainNameIsRefused() {
		assertThatThrownBy(() -> DomainSearch.wildcard("*".repeat(254), false)).isInstanceOf(ApiException.class)
			.hasMessageContaining("longer than a domain name");
	}

}
