package io.domainpush.core.webhook;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One list of subscribable types: the request's constraint accepts exactly those. */
class WebhookEventTypeTests {

	@Test
	void shouldAcceptExactlyTheSubscribableTypes() {
		Pattern pattern = Pattern.compile(WebhookEventType.SUBSCRIBABLE_PATTERN);
		assertThat(WebhookEventType.subscribable()).allMatch(name -> pattern.matcher(name).matches());
		assertThat(Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName))
			.filteredOn(name -> pattern.matcher(name).matches())
			.containsExactlyElementsOf(WebhookEventType.subscribable());
		assertThat(pattern.matcher("push.completedX").matches()).isFalse();
	}

	@Test
	void shouldNameEachChangeOfAWaitingPush() {
		assertThat(WebhookEventType.ofChange(null, "AWAITING_APPROVAL"))
			.isEqualTo(WebhookEventType.PUSH_AWAITING_APPROVAL);
		assertThat(WebhookEventType.ofChange(null, "SCHEDULED")).isEqualTo(WebhookEventType.PUSH_SCHEDULED);
		assertThat(WebhookEventType.ofChange("AWAITING_APPROVAL", "ACCEPTED"))
			.isEqualTo(WebhookEventType.PUSH_APPROVED);
		assertThat(WebhookEventType.ofChange("AWAITING_APPROVAL", "SCHEDULED"))
			.isEqualTo(WebhookEventType.PUSH_APPROVED);
		assertThat(WebhookEventType.ofChange("AWAITING_APPROVAL", "DECLINED"))
			.isEqualTo(WebhookEventType.PUSH_DECLINED);
		assertThat(WebhookEventType.ofChange("AWAITING_APPROVAL", "EXPIRED")).isEqualTo(WebhookEventType.PUSH_EXPIRED);
		assertThat(WebhookEventType.ofChange("SCHEDULED", "ACCEPTED")).isEqualTo(WebhookEventType.PUSH_DUE);
	}

}
