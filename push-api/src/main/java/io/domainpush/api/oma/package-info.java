/**
 * The OpenSRS Mail API (OMA) compatible dialect: {@code POST /api/<method>} with a JSON
 * body carrying {@code credentials}, answered by {@code success} and, when false,
 * {@code error} and {@code error_number}. An adapter only: every rule, query and audit
 * entry is the REST API's, reached through the feature services (company, domain, push)
 * and the account sign-in; this package maps names, shapes and errors (docs/api.md,
 * "OMA-compatible API"; docs/decisions.md).
 */
package io.domainpush.api.oma;
