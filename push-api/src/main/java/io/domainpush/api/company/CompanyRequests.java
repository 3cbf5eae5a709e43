package io.domainpush.api.company;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.domainpush.core.rules.PlainText;

/** Request bodies of the company feature. Unknown fields are refused globally (400). */
final class CompanyRequests {

	private CompanyRequests() {
	}

	record CreateCompany(
			@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String name,
			@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}",
					message = "must be a cluster name such as 'a'") String cluster,
			@Size(max = 254) String notificationEmail, Map<String, Object> defaultSettings) {
	}

	/**
	 * {@code notifyWhenPushedOut}, {@code notificationMode}, {@code accept} and
	 * {@code holdDays} absent: unchanged.
	 *
	 * @param notificationEmail required, null to have none: a client that sends only
	 * {@code allowed_companies} must not clear the address without saying so
	 * @param accept {@code automatic} (pushes from allowed companies go ahead) or
	 * {@code approve} (each waits for an administrator's approval)
	 * @param holdDays days a domain pushed in cannot be pushed out again (0: no hold)
	 */
	record DomainPushSettings(@NotNull List<@NotNull Long> allowedCompanies,
			@JsonProperty(required = true) @Size(max = 254) String notificationEmail, Boolean notifyWhenPushedOut,
			@Pattern(regexp = "per_domain|batch_digest",
					message = "must be per_domain or batch_digest") String notificationMode,
			@Pattern(regexp = "automatic|approve", message = "must be automatic or approve") String accept,
			@Min(0) @Max(365) Integer holdDays) {

		DomainPushSettings(List<Long> allowedCompanies, String notificationEmail, Boolean notifyWhenPushedOut,
				String notificationMode) {
			this(allowedCompanies, notificationEmail, notifyWhenPushedOut, notificationMode, null, null);
		}

	}

}
