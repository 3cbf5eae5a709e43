package io.domainpush.api.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.domainpush.api.brand.BrandRepository;
import io.domainpush.api.brand.BrandView;
import io.domainpush.api.company.CompanyLookup;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.common.Caller;
import io.domainpush.api.web.ApiLimits;
import io.domainpush.api.web.Cursor;
import io.domainpush.api.web.Page;
import io.domainpush.api.web.PageRequest;
import io.domainpush.api.web.Settings;
import io.domainpush.core.rules.BillingCycle;
import io.domainpush.core.rules.DomainNames;
import io.domainpush.core.rules.EffectiveSettings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Domains: provisioning with users and messages, reading them as their owner, and their
 * brand (R5–R7).
 */
@Service
public class DomainService {

	private final DomainRepository domains;

	private final BrandRepository brands;

	private final CompanyLookup companies;

	private final BillingCycle billing;

	private final ApiLimits limits;

	DomainService(DomainRepository domains, BrandRepository brands, CompanyLookup companies, BillingCycle billing,
			ApiLimits limits) {
		this.domains = domains;
		this.brands = brands;
		this.companies = companies;
		this.billing = billing;
		this.limits = limits;
	}

	@Transactional
	DomainViews.DomainDetail create(Caller caller, long companyId, DomainRequests.CreateDomain request) {
		companies.requireVisible(caller, companyId);
		String name = DomainNames.normalize(request.name());
		if (name == null) {
			throw ApiException.invalid("name is not a valid domain name.");
		}
		checkUsers(request);
		if (request.brandId() != null) {
			requireBrandOf(request.brandId(), companyId);
		}
		if (domains.exists(name)) {
			throw new ApiException(ErrorCode.DOMAIN_EXISTS, "The domain already exists.");
		}
		domains.insert(companyId, name, request.brandId(), Settings.check(request.settings(), "settings", limits),
				request.users(), billing.currentCycleStart(Instant.now()));
		return detail(domains.find(name).orElseThrow());
	}

	private void checkUsers(DomainRequests.CreateDomain request) {
		if (request.users().size() > limits.maxUsersPerDomain()) {
			throw ApiException
				.invalid("A domain may be provisioned with at most " + limits.maxUsersPerDomain() + " users.");
		}
		Set<String> mailboxes = new HashSet<>();
		for (DomainRequests.NewUser user : request.users()) {
			if (!mailboxes.add(user.mailbox().toLowerCase())) {
				throw ApiException.invalid("Mailbox '" + user.mailbox() + "' appears twice.");
			}
			Settings.check(user.settings(), "users[].settings", limits);
			if (user.messages() != null && user.messages().size() > limits.maxMessagesPerUser()) {
				throw ApiException
					.invalid("A user may be provisioned with at most " + limits.maxMessagesPerUser() + " messages.");
			}
		}
	}

	@Transactional(readOnly = true)
	Page<DomainViews.DomainSummary> list(Caller caller, long companyId, String search, PageRequest page) {
		companies.requireVisible(caller, companyId);
		return Page.of(domains.page(companyId, DomainSearch.containing(search), page), page,
				domain -> Cursor.of(domain.name()));
	}

	/**
	 * Up to {@code limit} of the company's domains matching {@code search} from
	 * {@code offset} on, and how many match in all (the OMA-compatible API's
	 * search_domains).
	 */
	@Transactional(readOnly = true)
	public DomainViews.Found search(Caller caller, long companyId, DomainSearch search, long offset, int limit) {
		companies.requireVisible(caller, companyId);
		return new DomainViews.Found(domains.list(companyId, search, offset, limit), domains.count(companyId, search));
	}

	/** The brands the domain's owner may assign to it (its own, editable ones). */
	@Transactional(readOnly = true)
	List<BrandView> assignableBrands(Caller caller, String domain) {
		DomainRepository.DomainRow row = visible(caller, domain);
		return brands.list(row.companyId(), new PageRequest(0, 200)).stream().filter(BrandView::editable).toList();
	}

	@Transactional(readOnly = true)
	public DomainViews.DomainDetail get(Caller caller, String domain) {
		return detail(visible(caller, domain));
	}

	@Transactional(readOnly = true)
	Page<DomainViews.UserView> users(Caller caller, String domain, PageRequest page) {
		return Page.of(domains.users(visible(caller, domain).domainId(), page), page);
	}

	/**
	 * The owner replaces (or removes) the domain's brand, e.g. after a push froze the old
	 * one (R7).
	 */
	@Transactional
	DomainViews.DomainDetail assignBrand(Caller caller, String domain, Long brandId) {
		DomainRepository.DomainRow row = visible(caller, domain);
		if (brandId != null) {
			requireBrandOf(brandId, row.companyId());
		}
		if (!domains.assignBrand(row.domainId(), row.companyId(), brandId)) {
			// pushed to another company since it was read: the caller no longer sees it
			throw ApiException.notFound(ErrorCode.DOMAIN_NOT_FOUND, "Domain");
		}
		return detail(domains.find(row.name()).orElseThrow());
	}

	@Transactional(readOnly = true)
	DomainViews.Billing billing(Caller caller, String domain) {
		DomainRepository.DomainRow row = visible(caller, domain);
		return new DomainViews.Billing(row.name(), domains.billing(row.domainId()));
	}

	private void requireBrandOf(long brandId, long companyId) {
		brands.find(brandId)
			.filter(b -> b.companyId() == companyId)
			.orElseThrow(() -> ApiException.notFound(ErrorCode.BRAND_NOT_FOUND, "Brand"));
	}

	/**
	 * R5: only the current owner (or the operator) sees a domain; anything else is 404.
	 */
	private DomainRepository.DomainRow visible(Caller caller, String domain) {
		String name = DomainNames.normalize(domain);
		if (name == null) {
			throw ApiException.invalid("Not a valid domain name.");
		}
		return domains.find(name)
			.filter(d -> caller.canSee(d.companyId()))
			.orElseThrow(() -> ApiException.notFound(ErrorCode.DOMAIN_NOT_FOUND, "Domain"));
	}

	private DomainViews.DomainDetail detail(DomainRepository.DomainRow row) {
		BrandView brand = row.brandId() == null ? null : brands.find(row.brandId()).orElse(null);
		return new DomainViews.DomainDetail(row.name(), row.companyId(), row.cluster(), brand, row.settings(),
				EffectiveSettings.of(row.ownerDefaults(), brand == null ? null : brand.settings(), row.settings()),
				row.userCount(), row.messageCount(), row.messageBytes());
	}

}
