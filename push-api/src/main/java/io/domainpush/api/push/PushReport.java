package io.domainpush.api.push;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.domainpush.core.rules.SettingsPreview;

/**
 * What a completed push moved, as the worker recorded it in the push's transaction: the
 * users, messages and bytes that went with the domain (R1), the brand's fate (R7: the
 * original and the frozen copy the domain now has), the effective settings that changed
 * for its users (R6, each {@code key}, {@code before}, {@code after}, {@code source}) and
 * when the gaining company's billing starts (R8). {@code messagesMoved},
 * {@code bytesMoved} and {@code settingsChanged} are null for pushes applied before they
 * were recorded.
 */
public record PushReport(UUID pushId, String domain, long fromCompanyId, long toCompanyId, int usersMoved,
		Long messagesMoved, Long bytesMoved, Brand brand, List<SettingsPreview.Change> settingsChanged,
		OffsetDateTime appliedAt, LocalDate billingStartsOn) {

	/**
	 * {@code NONE}: the domain had no brand; {@code FROZEN}: its brand was copied,
	 * unlabelled.
	 */
	public record Brand(String outcome, Long fromBrandId, Long toBrandId) {
	}

}
