package io.domainpush.api.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

final class PushRequests {

	private PushRequests() {
	}

	/** The losing company is never sent: it is always the domain's current owner. */
	record SubmitPush(@NotBlank @Size(max = 253) String domain, @NotNull @Positive Long gainingCompanyId) {
	}

}
