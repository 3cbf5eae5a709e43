package io.domainpush.api.company;

/**
 * Published inside the transaction that deletes a company, for the features that keep
 * something of it (people's accounts) to remove it in that same transaction.
 */
public record CompanyDeleted(long companyId) {
}
