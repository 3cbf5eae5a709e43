package io.domainpush.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Explicit limits of the API.
 *
 * @param maxBody largest request body accepted, except domain provisioning
 * @param maxProvisioningBody largest body of {@code POST /companies/{id}/domains} (a domain with its users)
 * @param maxPageSize largest {@code size} of a page
 * @param maxUsersPerDomain users in one provisioning request
 * @param maxMessagesPerUser messages of one user in one provisioning request
 * @param maxAllowedCompanies entries of a company's allowed companies list
 * @param maxBatchDomains domains in one bulk migration (413 above)
 * @param maxBatchBody largest body of {@code POST /push-batches}
 */
@ConfigurationProperties("push.api.limits")
public record ApiLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("32MB") DataSize maxProvisioningBody,
		@DefaultValue("200") int maxPageSize, @DefaultValue("20000") int maxUsersPerDomain,
		@DefaultValue("1000") int maxMessagesPerUser, @DefaultValue("1000") int maxAllowedCompanies,
		@DefaultValue("100000") int maxBatchDomains, @DefaultValue("32MB") DataSize maxBatchBody) {
}
