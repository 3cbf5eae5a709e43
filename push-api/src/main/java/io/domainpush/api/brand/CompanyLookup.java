package io.domainpush.api.brand;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.api.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "May this caller act inside this company, and does it exist?" — one answer (404) for
 * both.
 */
@Component
public class CompanyLookup {

	private final JdbcClient jdbc;

	CompanyLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void requireVisible(Caller caller, long companyId) {
		caller.requireCompany(companyId);
		boolean exists = jdbc
			.sql("select exists (select 1 from companies where company_id = :id and deleted_at is null)")
			.param("id", companyId)
			.query(Boolean.class)
			.single();
		if (!exists) {
			throw ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company");
		}
	}

}
