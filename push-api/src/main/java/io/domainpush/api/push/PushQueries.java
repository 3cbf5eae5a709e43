package io.domainpush.api.push;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.core.push.PushStatus;
import io.domainpush.core.rules.DomainNames;

import org.springframework.stereotype.Component;

/**
 * Listing pushes, with its filters checked: the push feature's facade for other features
 * (batches).
 */
@Component
public class PushQueries {

	private final PushService service;

	PushQueries(PushService service) {
		this.service = service;
	}

	/**
	 * Pushes where the caller's company is a side (all for the operator), newest first.
	 */
	public Page<PushView> list(Caller caller, String domain, String status, UUID batchId, PageRequest request) {
		return list(caller, domain, status, batchId, null, request);
	}

	/**
	 * As above, only those the caller's company loses ({@code OUTGOING}) or gains
	 * ({@code INCOMING}) a domain by, when {@code direction} says so.
	 */
	Page<PushView> list(Caller caller, String domain, String status, UUID batchId, PushRepository.Direction direction,
			PageRequest request) {
		String domainName = null;
		if (domain != null) {
			domainName = DomainNames.normalize(domain);
			if (domainName == null) {
				throw ApiException.invalid("domain is not a valid domain name.");
			}
		}
		return Page.of(service.list(caller,
				new PushRepository.PushFilter(domainName, status(status), batchId, direction), request), request,
				push -> Cursor.of(push.submittedAt(), push.pushId()));
	}

	/**
	 * The REST API's {@code direction}: {@code incoming}, {@code outgoing} or
	 * {@code both} (the default).
	 */
	static PushRepository.Direction direction(String direction) {
		if (direction == null) {
			return PushRepository.Direction.BOTH;
		}
		try {
			return PushRepository.Direction.valueOf(direction.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw ApiException.invalid("direction must be one of incoming, outgoing and both.");
		}
	}

	private static PushStatus status(String status) {
		if (status == null) {
			return null;
		}
		try {
			return PushStatus.valueOf(status);
		}
		catch (IllegalArgumentException unknown) {
			throw ApiException.invalid("status must be one of " + Arrays.toString(PushStatus.values()) + ".");
		}
	}

}
