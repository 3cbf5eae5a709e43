package io.domainpush.core.push;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a submitted push starts in the state machine (DESIGN §5). */
class PushPlanTests {

	private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");

	@Test
	void shouldWaitForApprovalFirstWheneverTheGainingCompanyApproves() {
		Instant deadline = NOW.plusSeconds(864_000);
		assertThat(new PushPlan(null, deadline).initialStatus(NOW)).isEqualTo(PushStatus.AWAITING_APPROVAL);
		assertThat(new PushPlan(NOW.plusSeconds(60), deadline).initialStatus(NOW))
			.isEqualTo(PushStatus.AWAITING_APPROVAL);
	}

	@Test
	void shouldWaitForAFutureTimeAndGoAheadAtOnceOtherwise() {
		assertThat(new PushPlan(NOW.plusSeconds(60), null).initialStatus(NOW)).isEqualTo(PushStatus.SCHEDULED);
		assertThat(new PushPlan(NOW, null).initialStatus(NOW)).isEqualTo(PushStatus.ACCEPTED);
		assertThat(PushPlan.NOW.initialStatus(NOW)).isEqualTo(PushStatus.ACCEPTED);
	}

	@Test
	void shouldCountOnlyTheWaitingAndQueuedStatusesAsOpen() {
		assertThat(PushStatus.OPEN).containsExactly(PushStatus.AWAITING_APPROVAL, PushStatus.SCHEDULED,
				PushStatus.ACCEPTED);
		assertThat(PushStatus.values()).filteredOn(PushStatus::isTerminal)
			.containsExactly(PushStatus.COMPLETED, PushStatus.REJECTED, PushStatus.CANCELLED, PushStatus.FAILED,
					PushStatus.DECLINED, PushStatus.EXPIRED);
	}

	@Test
	void shouldWriteOutExactlyTheOpenStatusesForTheIndex() {
		assertThat(PushStatus.OPEN_PREDICATE).isEqualTo("status in ("
				+ String.join(", ", PushStatus.OPEN.stream().map(s -> "'" + s.name() + "'").toList()) + ")");
	}

}
