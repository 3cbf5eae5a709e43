package io.domainpush.api.company;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.domainpush.api.common.AuditLog;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.api.web.Settings;
import io.domainpush.core.rules.EmailAddresses;

import io.domainpush.core.notification.NotificationMode;
import io.domainpush.core.rules.AcceptMode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Companies and their domain-push settings (R3, R9). Public for the OMA-compatible API,
 * which reads and changes the settings through {@link #get} and
 * {@link #changeDomainPush}.
 */
@Service
public class CompanyService {

	private final CompanyRepository companies;

	private final ApiLimits limits;

	private final AuditLog audit;

	private final CompanyLookup lookup;

	private final ApplicationEventPublisher events;

	CompanyService(CompanyRepository companies, ApiLimits limits, AuditLog audit, CompanyLookup lookup,
			ApplicationEventPublisher events) {
		this.events = events;
		this.companies = companies;
		this.limits = limits;
		this.audit = audit;
		this.lookup = lookup;
	}

	@Transactional
	CompanyView create(Caller caller, CompanyRequests.CreateCompany request) {
		caller.requireOperator();
		String email = checkedEmail(request.notificationEmail());
		long id = companies.insert(request.name().strip(), request.cluster(), email,
				Settings.check(request.defaultSettings(), "default_settings", limits));
		CompanyView created = companies.find(id).orElseThrow();
		audit.record(caller, id, "COMPANY_CREATED", "company " + id, null, created);
		return created;
	}

	@Transactional(readOnly = true)
	public CompanyView get(Caller caller, long companyId) {
		caller.requireCompany(companyId);
		return companies.find(companyId)
			.orElseThrow(() -> ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company"));
	}

	/** Every company, by id (operator only). */
	@Transactional(readOnly = true)
	Page<CompanyRepository.CompanySummary> list(Caller caller, PageRequest page) {
		caller.requireOperator();
		return Page.of(companies.list(page), page);
	}

	/**
	 * The companies this one allows to push to it: typing an id must not tell what the
	 * company behind it is called, so a name is shown only where a push between the two
	 * shows it already.
	 */
	@Transactional(readOnly = true)
	List<CompanyRepository.CompanyName> allowedCompanies(Caller caller, long companyId) {
		return companies.names(get(caller, companyId).domainPush().allowedCompanies(),
				caller.isOperator() ? null : companyId);
	}

	/**
	 * R3 and R9: replaces the allowed companies and the notification email (and, when
	 * given, whether to be told of domains pushed out and the notification mode), as one
	 * change.
	 */
	@Transactional
	CompanyView.DomainPushView updateDomainPush(Caller caller, long companyId,
			CompanyRequests.DomainPushSettings request) {
		return changeDomainPush(caller, companyId,
				new DomainPushChange(request.allowedCompanies(), true, request.notificationEmail(),
						request.notifyWhenPushedOut(), NotificationMode.fromJson(request.notificationMode()),
						AcceptMode.fromJson(request.accept()), request.holdDays()));
	}

	/**
	 * R3 and R9: changes what {@code change} gives, keeps the rest, as one change checked
	 * and audited as a whole (nothing is applied when any part is refused).
	 */
	@Transactional
	public CompanyView.DomainPushView changeDomainPush(Caller caller, long companyId, DomainPushChange change) {
		caller.requireCompany(companyId);
		if (!companies.lock(companyId)) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
		CompanyView.DomainPushView before = companies.find(companyId).orElseThrow().domainPush();
		Set<Long> allowed = new LinkedHashSet<>(
				change.allowedCompanies() == null ? before.allowedCompanies() : change.allowedCompanies());
		if (allowed.size() > limits.maxAllowedCompanies()) {
			throw ApiException.invalid("allowed_companies has more than " + limits.maxAllowedCompanies() + " entries.");
		}
		if (allowed.contains(companyId)) {
			throw ApiException.invalid("A company cannot allow itself.");
		}
		// one answer whichever id is unknown, and how many: the answer must not list
		// which
		// companies exist
		if (!companies.missing(allowed).isEmpty()) {
			throw ApiException.unprocessable(ErrorCode.COMPANY_NOT_FOUND,
					"allowed_companies holds an id that is not a company on this platform.");
		}
		String email = change.changesNotificationEmail() ? checkedEmail(change.notificationEmail())
				: before.notificationEmail();
		boolean notify = change.notifyWhenPushedOut() == null ? before.notifyWhenPushedOut()
				: change.notifyWhenPushedOut();
		NotificationMode mode = change.notificationMode() == null ? NotificationMode.fromJson(before.notificationMode())
				: change.notificationMode();
		AcceptMode accept = change.accept() == null ? AcceptMode.fromJson(before.accept()) : change.accept();
		int holdDays = change.holdDays() == null ? before.holdDays() : change.holdDays();
		companies.replaceDomainPushSettings(companyId, allowed, email, notify, mode, accept, holdDays);
		CompanyView.DomainPushView after = companies.find(companyId).orElseThrow().domainPush();
		audit.record(caller, companyId, "DOMAIN_PUSH_SETTINGS_CHANGED", "company " + companyId, before, after);
		return after;
	}

	@Transactional
	void delete(Caller caller, long companyId) {
		caller.requireOperator();
		if (!companies.lock(companyId)) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
		if (companies.ownsDomains(companyId)) {
			throw new ApiException(ErrorCode.COMPANY_NOT_EMPTY, "The company still owns domains.");
		}
		companies.softDelete(companyId);
		events.publishEvent(new CompanyDeleted(companyId));
		audit.record(caller, companyId, "COMPANY_DELETED", "company " + companyId, null, null);
	}

	private static String checkedEmail(String email) {
		if (email == null) {
			return null;
		}
		if (!EmailAddresses.isValid(email)) {
			throw ApiException.invalid("notification_email must be one plain address such as ops@example.com.");
		}
		return email;
	}

}
