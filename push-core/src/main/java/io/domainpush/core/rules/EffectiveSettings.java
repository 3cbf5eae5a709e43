package io.domainpush.core.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a domain's users experience: R6 and R7 in one place. A domain with a brand takes
 * the brand's settings; without one it inherits its current owner's default company
 * settings. Settings set explicitly on the domain win over both. Because inheritance is
 * computed from the current owner, a push needs to rewrite nothing for R6 to hold.
 */
public final class EffectiveSettings {

	private EffectiveSettings() {
	}

	public static Map<String, Object> of(Map<String, Object> ownerDefaults, Map<String, Object> brandSettings,
			Map<String, Object> domainSettings) {
		Map<String, Object> effective = new LinkedHashMap<>(brandSettings != null ? brandSettings : ownerDefaults);
		effective.putAll(domainSettings);
		return effective;
	}

}
