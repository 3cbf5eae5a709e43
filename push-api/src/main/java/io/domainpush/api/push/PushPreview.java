package io.domainpush.api.push;

import java.time.LocalDate;
import java.util.List;

import io.domainpush.core.rules.PushPreviewRepository;
import io.domainpush.core.rules.SettingsPreview;

/**
 * What a push would change, shown before it is made: each effective setting of the domain
 * before and after with where the value comes from (R6), what becomes of its brand (R7),
 * the users and messages that move with it (R1) and when the gaining company's billing
 * starts (R8).
 */
public record PushPreview(List<SettingsPreview.Change> settings, Brand brand, int users, long messages,
		long messageBytes, LocalDate billingStartsOn) {

	/** The brand's fate: {@code NONE} (no brand) or {@code FROZEN}. */
	public record Brand(String outcome, Long brandId, String name, String detail) {
	}

	static PushPreview of(PushPreviewRepository.Facts facts, LocalDate billingStartsOn) {
		Brand brand = facts.brandId() == null ? new Brand("NONE", null, null,
				"No brand: the gaining company's default settings apply to what the domain does not set itself.")
				: new Brand("FROZEN", facts.brandId(), facts.brandName(),
						"The brand is copied to the gaining company, unlabelled and not editable there; "
								+ "its settings are kept.");
		return new PushPreview(
				SettingsPreview.of(facts.losingDefaults(), facts.gainingDefaults(), facts.brandSettings(),
						facts.domainSettings()),
				brand, facts.users(), facts.messages(), facts.messageBytes(), billingStartsOn);
	}

	/** The settings that change, for a short table. */
	public List<SettingsPreview.Change> changing() {
		return settings.stream().filter(SettingsPreview.Change::changes).toList();
	}

}
