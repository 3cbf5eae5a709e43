package io.domainpush.core.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushRulesTests {

	private static final long LOSING = 1001;

	private static final long GAINING = 1002;

	@Test
	void shouldAllowPushWhenSameClusterAndAllowed() {
		assertThat(PushRules.problems(PushFacts.of(1L, LOSING, "a", GAINING, "a", true), LOSING)).isEmpty();
	}

	@Test
	void shouldRefuseUnknownDomainFirst() {
		assertThat(PushRules.problems(PushFacts.of(null, null, null, GAINING, "a", false), LOSING))
			.containsExactly(PushProblem.DOMAIN_NOT_FOUND);
	}

	@Test
	void shouldRefuseWhenDomainOwnedByAnotherCompany() {
		assertThat(PushRules.firstProblem(PushFacts.of(1L, 1003L, "a", GAINING, "a", true), LOSING))
			.contains(PushProblem.NOT_DOMAIN_OWNER);
	}

	@Test
	void shouldRefuseMissingGainingCompany() {
		assertThat(PushRules.problems(PushFacts.of(1L, LOSING, "a", null, null, false), LOSING))
			.containsExactly(PushProblem.COMPANY_NOT_FOUND);
	}

	@Test
	void shouldRefusePushToItself() {
		assertThat(PushRules.problems(PushFacts.of(1L, LOSING, "a", LOSING, "a", false), LOSING))
			.containsExactly(PushProblem.SAME_COMPANY);
	}

	@Test
	void shouldReportClusterMismatchAndMissingPermissionTogether() {
		assertThat(PushRules.problems(PushFacts.of(1L, LOSING, "a", GAINING, "b", false), LOSING))
			.containsExactly(PushProblem.CLUSTER_MISMATCH, PushProblem.PUSH_NOT_ALLOWED);
	}

	@Test
	void shouldTellTheLosingSideAMissingCompanyAndANotAllowingOneAlike() {
		PushFacts missing = PushFacts.of(1L, LOSING, "a", null, null, false);
		PushFacts notAllowingElsewhere = PushFacts.of(1L, LOSING, "a", GAINING, "b", false);
		PushFacts notAllowingHere = PushFacts.of(1L, LOSING, "a", GAINING, "a", false);
		for (PushFacts facts : java.util.List.of(missing, notAllowingElsewhere, notAllowingHere)) {
			assertThat(PushRules.upFront(facts, LOSING)).containsExactly(PushProblem.PUSH_NOT_ALLOWED);
		}
	}

	@Test
	void shouldTellTheLosingSideTheClusterOnceAllowed() {
		assertThat(PushRules.upFront(PushFacts.of(1L, LOSING, "a", GAINING, "b", true), LOSING))
			.containsExactly(PushProblem.CLUSTER_MISMATCH);
		assertThat(PushRules.upFront(PushFacts.of(1L, LOSING, "a", LOSING, "a", false), LOSING))
			.containsExactly(PushProblem.SAME_COMPANY);
	}

	@Test
	void shouldRefuseADomainOnHoldSayingUntilWhenBothUpFrontAndWhenApplying() {
		java.time.Instant until = java.time.Instant.parse("2027-01-10T08:00:00Z");
		PushFacts held = PushFacts.of(1L, LOSING, "a", GAINING, "a", true).heldUntil(until);
		assertThat(PushRules.upFront(held, LOSING)).containsExactly(PushProblem.DOMAIN_ON_HOLD);
		assertThat(PushRules.firstProblem(held, LOSING)).contains(PushProblem.DOMAIN_ON_HOLD);
		assertThat(PushProblem.DOMAIN_ON_HOLD.detail(held)).contains("2027-01-10T08:00:00Z");
		assertThat(PushProblem.DOMAIN_ON_HOLD.detail()).doesNotContain("2027");
	}

	@Test
	void shouldTellThePermissionBeforeTheHold() {
		PushFacts heldButNotAllowed = PushFacts.of(1L, LOSING, "a", GAINING, "a", false)
			.heldUntil(java.time.Instant.parse("2027-01-10T08:00:00Z"));
		assertThat(PushRules.upFront(heldButNotAllowed, LOSING)).containsExactly(PushProblem.PUSH_NOT_ALLOWED,
				PushProblem.DOMAIN_ON_HOLD);
	}

}
