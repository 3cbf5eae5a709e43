package io.domainpush.worker.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.domainpush.core.events.PushCompleted;
import io.domainpush.core.rules.PushFacts;
import io.domainpush.core.rules.PushPreviewRepository;
import io.domainpush.core.rules.SettingsPreview;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each push of a poll moves, read before the domains move: its users, messages and
 * bytes counted from their rows (one statement for the poll), and the effective settings
 * that change for its users, computed by the same rule as the preview showed. The same
 * count after the move tells whether everything arrived.
 */
@Component
public class PushReports {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final PushPreviewRepository previews;

	private final JdbcClient jdbc;

	public PushReports(PushPreviewRepository previews, JdbcClient jdbc) {
		this.previews = previews;
		this.jdbc = jdbc;
	}

	/** What one push moves. */
	record Report(Counts counts, List<SettingsPreview.Change> settingsChanged) {

		int users() {
			return counts.users();
		}

		long messages() {
			return counts.messages();
		}

		long bytes() {
			return counts.bytes();
		}

		/** The settings that changed, as the history row keeps them. */
		String settingsJson() {
			return JSON.writeValueAsString(settingsChanged);
		}

		/** The report as the push.completed event carries it. */
		PushCompleted.Report event() {
			return new PushCompleted.Report(counts.messages(), counts.bytes(),
					settingsChanged.stream().map(c -> JSON.convertValue(c, MAP)).toList());
		}

	}

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** The users, messages and bytes found on one domain. */
	record Counts(int users, long messages, long bytes) {
	}

	/** The reports of these pushes, in their order. */
	List<Report> of(List<PushFacts> domains, List<Long> gainingCompanyIds) {
		Long[] domainIds = domains.stream().map(PushFacts::domainId).toArray(Long[]::new);
		List<PushPreviewRepository.Facts> facts = previews.readAll(domainIds, gainingCompanyIds.toArray(Long[]::new));
		List<Counts> counted = count(domainIds);
		List<Report> reports = new ArrayList<>();
		for (int i = 0; i < facts.size(); i++) {
			PushPreviewRepository.Facts f = facts.get(i);
			reports.add(new Report(counted.get(i),
					SettingsPreview.of(f.losingDefaults(), f.gainingDefaults(), f.brandSettings(), f.domainSettings())
						.stream()
						.filter(SettingsPreview.Change::changes)
						.toList()));
		}
		return reports;
	}

	/** The users, messages and bytes on each of these domains now, in their order. */
	List<Counts> count(Long[] domainIds) {
		return jdbc.sql("""
				select q.n, count(u.user_id) as users, coalesce(sum(m.messages), 0) as messages,
				       coalesce(sum(m.bytes), 0) as bytes
				  from unnest(cast(:domains as bigint[])) with ordinality as q(domain_id, n)
				  left join users u on u.domain_id = q.domain_id
				  left join lateral (select count(*) as messages, sum(size_bytes) as bytes
				                       from messages where user_id = u.user_id) m on true
				 group by q.n
				 order by q.n""")
			.param("domains", domainIds)
			.query((rs, n) -> new Counts(rs.getInt("users"), rs.getLong("messages"), rs.getLong("bytes")))
			.list();
	}

}
