package io.domainpush.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Explicit limits of the API.
 *
 * @param maxBody largest request body accepted, except domain provisioning
 * @param maxProvisioningBody largest body of {@code POST /companies/{id}/domains} (a
 * domain with its users)
 * @param maxPageSize largest {@code size} of a page
 * @param maxUsersPerDomain users in one provisioning request
 * @param maxMessagesPerUser messages of one user in one provisioning request
 * @param maxAllowedCompanies entries of a company's allowed companies list
 * @param maxBatchDomains domains in one bulk migration (413 above)
 * @param maxBatchBody largest body of {@code POST /push-batches}
 * @param maxSettingsBytes text of one settings object (company defaults, brand, domain,
 * user)
 * @param maxSettingsEntries keys and values of one settings object, nested ones included
 * @param maxTokensPerCompany active (not revoked) tokens one company may have (409
 * TOO_MANY_TOKENS beyond)
 * @param maxBatchRejections domains a batch may have refused up front; a batch with more
 * is refused whole (422 TOO_MANY_REJECTIONS) and nothing of it is stored
 * @param maxUnfinishedBatches batches of one company with pushes still queued (409
 * TOO_MANY_BATCHES beyond)
 * @param maxBodyReadTime time for a request body to arrive whole (408 REQUEST_TIMEOUT
 * after)
 * @param maxBodiesPerAddress requests with a body in progress at once from one client
 * address (429 beyond)
 */
@ConfigurationProperties("push.api.limits")
public record ApiLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("32MB") DataSize maxProvisioningBody,
		@DefaultValue("200") int maxPageSize, @DefaultValue("20000") int maxUsersPerDomain,
		@DefaultValue("1000") int maxMessagesPerUser, @DefaultValue("1000") int maxAllowedCompanies,
		@DefaultValue("100000") int maxBatchDomains, @DefaultValue("32MB") DataSize maxBatchBody,
		@DefaultValue("16KB") DataSize maxSettingsBytes, @DefaultValue("1000") int maxSettingsEntries,
		@DefaultValue("50") int maxTokensPerCompany, @DefaultValue("1000") int maxBatchRejections,
		@DefaultValue("5") int maxUnfinishedBatches, @DefaultValue("30s") java.time.Duration maxBodyReadTime,
		@DefaultValue("16") int maxBodiesPerAddress) {
}
