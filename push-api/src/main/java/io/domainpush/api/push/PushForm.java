package io.domainpush.api.push;

import io.domainpush.api.console.Forms;
import io.domainpush.api.console.When;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/** The domain page's push form: which domain, to which company, when. */
public class PushForm {

	private String domain = "";

	@Pattern(regexp = Forms.COMPANY_ID, message = "{form.gaining-company-id}")
	private String gainingCompanyId = "";

	@Valid
	private When when = new When();

	public String getDomain() {
		return domain;
	}

	public void setDomain(String domain) {
		this.domain = domain == null ? "" : domain;
	}

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

}
