package io.domainpush.worker.apply;

import java.util.List;

import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushPreviewRepository;
import io.domainpush.core.rules.SettingsPreview;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * What each push of a poll moves, read before the domains move (one statement for the
 * poll): its messages and bytes, and the effective settings that change for its users,
 * computed by the same rule as the preview showed.
 */
@Component
public class PushReports {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final PushPreviewRepository previews;

	public PushReports(PushPreviewRepository previews) {
		this.previews = previews;
	}

	/** What one push moves; {@code settingsChanged} as JSON, for the history row. */
	record Report(long messages, long bytes, String settingsChanged) {
	}

	/** The reports of these pushes, in their order. */
	List<Report> of(List<PushFacts> domains, List<Long> gainingCompanyIds) {
		List<PushPreviewRepository.Facts> facts = previews.readAll(
				domains.stream().map(PushFacts::domainId).toArray(Long[]::new), gainingCompanyIds.toArray(Long[]::new));
		return facts.stream()
			.map(f -> new Report(f.messages(), f.messageBytes(),
					JSON.writeValueAsString(SettingsPreview
						.of(f.losingDefaults(), f.gainingDefaults(), f.brandSettings(), f.domainSettings())
						.stream()
						.filter(SettingsPreview.Change::changes)
						.toList())))
			.toList();
	}

}
