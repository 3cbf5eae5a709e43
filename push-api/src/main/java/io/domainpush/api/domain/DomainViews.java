package io.domainpush.api.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.domainpush.api.brand.BrandView;

/** What the domain feature shows of domains, their users and billing. */
public final class DomainViews {

	private DomainViews() {
	}

	public record DomainDetail(String name, long companyId, String cluster, BrandView brand,
			Map<String, Object> settings, Map<String, Object> effectiveSettings, int userCount, long messageCount,
			long messageBytes) {
	}

	public record DomainSummary(String name, long companyId, Long brandId, int userCount, long messageCount,
			long messageBytes) {
	}

	/** One window of a search and how many domains match in all. */
	public record Found(List<DomainSummary> domains, long total) {
	}

	record UserView(long userId, String mailbox, Map<String, Object> settings, long messageCount, long messageBytes) {
	}

	record Billing(String domain, List<BillingPeriod> periods) {
	}

	/**
	 * {@code endsOn} is exclusive: the company pays for cycles from {@code startsOn} up
	 * to, not including, it.
	 */
	record BillingPeriod(long companyId, LocalDate startsOn, LocalDate endsOn) {
	}

}
