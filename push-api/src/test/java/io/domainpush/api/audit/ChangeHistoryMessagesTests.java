package io.domainpush.api.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** OMA's change entries say how a push that waited ended, in words. */
class ChangeHistoryMessagesTests {

	@Test
	void shouldSayADeclinedAndAnExpiredPushForWhatTheyAre() {
		assertThat(ChangeHistory.pushMessage("DECLINED", "a.example", 1001, 1002, null, null, null, false))
			.isEqualTo("Push of a.example to company 1002 declined by company 1002");
		assertThat(ChangeHistory.pushMessage("EXPIRED", "a.example", 1001, 1002, null, null, null, false))
			.isEqualTo("Push of a.example to company 1002 expired: not approved in time");
	}

}
