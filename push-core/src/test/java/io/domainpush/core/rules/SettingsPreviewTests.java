package io.domainpush.core.rules;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsPreviewTests {

	private static final Map<String, Object> LOSING = Map.of("theme", "classic", "spam", "normal");

	private static final Map<String, Object> GAINING = Map.of("theme", "modern", "language", "fr");

	@Test
	void shouldShowAnUnbrandedDomainTakingTheGainingDefaultsButKeepingItsOwnSettings() {
		List<SettingsPreview.Change> changes = SettingsPreview.of(LOSING, GAINING, null, Map.of("spam", "strict"));
		assertThat(changes).containsExactly(
				new SettingsPreview.Change("language", null, "fr", SettingsPreview.Source.GAINING_COMPANY_DEFAULTS),
				new SettingsPreview.Change("spam", "strict", "strict", SettingsPreview.Source.DOMAIN),
				new SettingsPreview.Change("theme", "classic", "modern",
						SettingsPreview.Source.GAINING_COMPANY_DEFAULTS));
		assertThat(changes.stream().filter(SettingsPreview.Change::changes).map(SettingsPreview.Change::key))
			.containsExactly("language", "theme");
	}

	@Test
	void shouldShowABrandedDomainKeepingEveryEffectiveSetting() {
		List<SettingsPreview.Change> changes = SettingsPreview.of(LOSING, GAINING, Map.of("theme", "sunrise"),
				Map.of("spam", "strict"));
		assertThat(changes).containsExactly(
				new SettingsPreview.Change("spam", "strict", "strict", SettingsPreview.Source.DOMAIN),
				new SettingsPreview.Change("theme", "sunrise", "sunrise", SettingsPreview.Source.BRAND));
		assertThat(changes).noneMatch(SettingsPreview.Change::changes);
	}

}
