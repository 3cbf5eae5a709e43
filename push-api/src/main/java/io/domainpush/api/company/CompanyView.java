package io.domainpush.api.company;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A company as the API shows it: cluster, default settings and its domain-push settings.
 */
public record CompanyView(long companyId, String name, String cluster, Map<String, Object> defaultSettings,
		DomainPushView domainPush, OffsetDateTime createdAt) {

	/**
	 * @param notifyWhenPushedOut whether the notification address is also told of each
	 * domain this company loses by a push
	 * @param notificationMode {@code per_domain} (one email per pushed domain) or
	 * {@code batch_digest} (one email per bulk migration), on either side
	 * @param accept {@code automatic}: pushes from allowed companies go ahead;
	 * {@code approve}: each waits for an administrator's approval
	 * @param holdDays days a domain pushed in cannot be pushed out again (0: no hold)
	 */
	public record DomainPushView(List<Long> allowedCompanies, String notificationEmail, boolean notifyWhenPushedOut,
			String notificationMode, String accept, int holdDays) {
	}

}
