package io.domainpush.api.push;

import io.domainpush.api.console.Forms;
import jakarta.validation.constraints.Pattern;

/** The domain page's push form: which domain, to which company. */
public class PushForm {

	private String domain = "";

	@Pattern(regexp = Forms.COMPANY_ID, message = "{form.gaining-company-id}")
	private String gainingCompanyId = "";

	public String getDomain() {
		return domain;
	}

	public void setDomain(String domain) {
		this.domain = domain == null ? "" : domain;
	}

	public String getGainingCompanyId() {
		return gainingCompanyId;
	}

	public void setGainingCompanyId(String gainingCompanyId) {
		this.gainingCompanyId = gainingCompanyId == null ? "" : gainingCompanyId;
	}

}
