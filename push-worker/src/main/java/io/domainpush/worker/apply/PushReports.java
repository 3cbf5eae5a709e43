package io.domainpush.worker.apply;

import java.util.List;
import java.util.Map;

import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushPreviewRepository;
import io.domainpush.core.rules.SettingsPreview;
import tools.jackson.core.type.TypeReference;
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

	/** What one push moves. */
	record Report(long messages, long bytes, List<SettingsPreview.Change> settingsChanged) {

		/** The settings that changed, as the history row keeps them. */
		String settingsJson() {
			return JSON.writeValueAsString(settingsChanged);
		}

		/** The report as the push.completed event carries it. */
		PushCompleted.Report event() {
			return new PushCompleted.Report(messages, bytes,
					settingsChanged.stream().map(c -> JSON.convertValue(c, MAP)).toList());
		}

	}

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** The reports of these pushes, in their order. */
	List<Report> of(List<PushFacts> domains, List<Long> gainingCompanyIds) {
		List<PushPreviewRepository.Facts> facts = previews.readAll(
				domains.stream().map(PushFacts::domainId).toArray(Long[]::new), gainingCompanyIds.toArray(Long[]::new));
		return facts.stream()
			.map(f -> new Report(f.messages(), f.messageBytes(),
					SettingsPreview.of(f.losingDefaults(), f.gainingDefaults(), f.brandSettings(), f.domainSettings())
						.stream()
						.filter(SettingsPreview.Change::changes)
						.toList()))
			.toList();
	}

}
