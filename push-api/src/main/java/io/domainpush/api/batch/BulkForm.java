package io.domainpush.api.batch;

import io.domainpush.api.console.Forms;
import io.domainpush.api.console.When;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * The bulk push form: the gaining company, the domains pasted (a CSV file, if chosen,
 * comes beside it) and when.
 */
public class BulkForm {

	@Pattern(regexp = Forms.COMPANY_ID, message = "{form.gaining-company-id}")
	private String gainingCompanyId = "";

	@Valid
	private When when = new When();

	private String domains = "";

	public When getWhen() {
		return when;
	}

	public void setWhen(When when) {
		this.when = when == null ? new When() : when;
	}

	public String getGainingCompanyId() {
		return gainingCompanyId;
	}

	public void setGainingCompanyId(String gainingCompanyId) {
		this.gainingCompanyId = gainingCompanyId == null ? "" : gainingCompanyId;
	}

	public String getDomains() {
		return domains;
	}

	public void setDomains(String domains) {
		this.domains = domains == null ? "" : domains;
	}

}
