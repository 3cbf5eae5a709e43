package io.domainpush.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a push changes for a domain's users, key by key (R6, R7), computed with the same
 * rule as {@link EffectiveSettings}: before, with the losing company's defaults; after,
 * with the gaining company's. A branded domain keeps its brand's settings (the brand is
 * copied, frozen, to the gaining company), so only an unbranded domain's inherited
 * settings change; the domain's own settings never do.
 */
public final class SettingsPreview {

	/** Where a setting's value comes from after the push. */
	public enum Source {

		/** Set on the domain itself: kept. */
		DOMAIN,

		/** The brand's: kept, in the frozen copy. */
		BRAND,

		/** The gaining company's default settings. */
		GAINING_COMPANY_DEFAULTS

	}

	/** One setting before and after the push; {@code null} where it is not set. */
	public record Change(String key, Object before, Object after, Source source) {

		public boolean changes() {
			return !Objects.equals(before, after);
		}

	}

	private SettingsPreview() {
	}

	public static List<Change> of(Map<String, Object> losingDefaults, Map<String, Object> gainingDefaults,
			Map<String, Object> brandSettings, Map<String, Object> domainSettings) {
		Map<String, Object> before = EffectiveSettings.of(losingDefaults, brandSettings, domainSettings);
		Map<String, Object> after = EffectiveSettings.of(gainingDefaults, brandSettings, domainSettings);
		List<Change> changes = new ArrayList<>();
		TreeSet<String> keys = new TreeSet<>(before.keySet());
		keys.addAll(after.keySet());
		for (String key : keys) {
			Source source = domainSettings.containsKey(key) ? Source.DOMAIN
					: brandSettings != null ? Source.BRAND : Source.GAINING_COMPANY_DEFAULTS;
			changes.add(new Change(key, before.get(key), after.get(key), source));
		}
		return changes;
	}

}
