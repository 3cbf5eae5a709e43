package io.domainpush.api.push;

import java.util.Set;
import java.util.UUID;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.security.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.rules.DomainNames;

import org.springframework.stereotype.Component;

/**
 * Listing pushes, with its filters checked: the push feature's facade for other features
 * (batches).
 */
@Component
public class PushQueries {

	private static final Set<String> STATUSES = Set.of("ACCEPTED", "COMPLETED", "REJECTED", "CANCELLED", "FAILED");

	private final PushService service;

	private final ApiLimits limits;

	PushQueries(PushService service, ApiLimits limits) {
		this.service = service;
		this.limits = limits;
	}

	/**
	 * Pushes where the caller's company is a side (all for the operator), newest first.
	 */
	public Page<PushView> list(Caller caller, String domain, String status, UUID batchId, Integer page, Integer size) {
		String domainName = null;
		if (domain != null) {
			domainName = DomainNames.normalize(domain);
			if (domainName == null) {
				throw ApiException.invalid("domain is not a valid domain name.");
			}
		}
		if (status != null && !STATUSES.contains(status)) {
			throw ApiException.invalid("status must be one of " + STATUSES + ".");
		}
		PageRequest request = PageRequest.of(page, size, limits);
		return Page.of(service.list(caller, new PushRepository.PushFilter(domainName, status, batchId), request),
				request);
	}

}
