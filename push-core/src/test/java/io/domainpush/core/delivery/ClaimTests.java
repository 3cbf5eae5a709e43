package io.domainpush.core.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a claim lets an attempt start: while the attempt and the record of its outcome fit
 * in the lease, and, for a claim held to a budget (a Kafka listener's), while the budget
 * lasts; a budget shorter than two deadlines still lets the first attempts start.
 */
class ClaimTests {

	@Test
	void shouldLetAttemptsStartWhileTwoDeadlinesFitInTheLease() {
		Claim<Queued> claim = claimed(Duration.ofMinutes(10), Duration.ZERO);
		assertThat(claim.mayStart(Duration.ofSeconds(30))).isTrue();
		assertThat(claim.mayStart(Duration.ofMinutes(4))).isTrue();
		assertThat(claim.mayStart(Duration.ofMinutes(5).plusSeconds(1))).isFalse();
	}

	@Test
	void shouldLetAListenersClaimStartAttemptsUntilItsBudgetIsSpent() {
		Duration deadline = Duration.ofSeconds(30);
		assertThat(claimed(Duration.ofMinutes(10), Duration.ZERO).within(Duration.ofSeconds(60)).mayStart(deadline))
			.as("a budget of two deadlines or less")
			.isTrue();
		assertThat(claimed(Duration.ofMinutes(10), Duration.ofSeconds(61)).within(Duration.ofSeconds(60))
			.mayStart(deadline)).as("the budget spent").isFalse();
		assertThat(claimed(Duration.ofMinutes(10), Duration.ofSeconds(59)).within(Duration.ofSeconds(60))
			.mayStart(deadline)).isTrue();
	}

	@Test
	void shouldLetNothingStartOnceTheClaimIsLost() {
		Claim<Queued> claim = claimed(Duration.ofMinutes(10), Duration.ZERO);
		claim.lose();
		assertThat(claim.mayStart(Duration.ZERO)).isFalse();
	}

	/** A claim made {@code ago}. */
	private static Claim<Queued> claimed(Duration lease, Duration ago) {
		return new Claim<>(UUID.randomUUID(), System.nanoTime() - ago.toNanos(), lease, List.of());
	}

}
