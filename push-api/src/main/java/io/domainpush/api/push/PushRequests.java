package io.domainpush.api.push;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

final class PushRequests {

	private PushRequests() {
	}

	/**
	 * The losing company is never sent: it is always the domain's current owner.
	 * {@code notBefore} (a time with its offset) or {@code at}
	 * ({@code next_billing_cycle}) plan the push for later; neither: now.
	 */
	record SubmitPush(@NotBlank @Size(max = 253) String domain, @NotNull @Positive Long gainingCompanyId,
			OffsetDateTime notBefore, @Size(max = 40) String at) {

		SubmitPush(String domain, long gainingCompanyId) {
			this(domain, gainingCompanyId, null, null);
		}

		/** What an Idempotency-Key's request is compared by. */
		String fingerprint(String normalizedDomain) {
			String plan = notBefore == null && at == null ? "" : "|" + notBefore + "|" + at;
			return normalizedDomain + "|" + gainingCompanyId + plan;
		}

	}

}
