package io.domainpush.api.domain;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

final class DomainRequests {

	private DomainRequests() {
	}

	record CreateDomain(@NotBlank @Size(max = 253) String name, Long brandId, Map<String, Object> settings,
			@NotNull List<@Valid @NotNull NewUser> users) {
	}

	record NewUser(
			@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+",
					message = "must be the local part of an address") String mailbox,
			Map<String, Object> settings, List<@Valid @NotNull NewMessage> messages) {
	}

	/**
	 * {@code size_bytes} at most 50 GiB: a sum over every message of a domain then stays
	 * far from overflow.
	 */
	record NewMessage(@NotBlank @Size(max = 200) String folder, @NotNull @Size(max = 998) String subject,
			@NotNull @PositiveOrZero @Max(MAX_MESSAGE_BYTES) Long sizeBytes) {
	}

	static final long MAX_MESSAGE_BYTES = 50L * 1024 * 1024 * 1024;

	/**
	 * {@code brand_id} null removes the brand: the domain then inherits its owner's
	 * defaults (R6).
	 */
	record AssignBrand(Long brandId) {
	}

}
