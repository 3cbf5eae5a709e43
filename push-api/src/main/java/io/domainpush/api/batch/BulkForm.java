package io.domainpush.api.batch;

import io.domainpush.api.console.Forms;
import jakarta.validation.constraints.Pattern;

/**
 * The bulk push form: the gaining company and the domains pasted (a CSV file, if chosen,
 * comes beside it).
 */
public class BulkForm {

	@Pattern(regexp = Forms.COMPANY_ID, message = "{form.gaining-company-id}")
	private String gainingCompanyId = "";

	private String domains = "";

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
