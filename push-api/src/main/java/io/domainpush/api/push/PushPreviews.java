package io.domainpush.api.push;

import java.time.Instant;

import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushPreviewRepository;

import org.springframework.stereotype.Component;

/** Previews of pushes the rules allow (see {@link PushPreview}). */
@Component
class PushPreviews {

	private final PushPreviewRepository previews;

	private final BillingCycle billing;

	PushPreviews(PushPreviewRepository previews, BillingCycle billing) {
		this.previews = previews;
		this.billing = billing;
	}

	/** The preview of pushing this domain to its gaining company, which allowed it. */
	PushPreview of(PushFacts allowed) {
		return previews.read(allowed.domainId(), allowed.gainingCompanyId())
			.map(facts -> PushPreview.of(facts, billing.nextCycleStart(Instant.now())))
			.orElseThrow();
	}

}
