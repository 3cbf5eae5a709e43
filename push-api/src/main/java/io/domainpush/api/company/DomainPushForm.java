package io.domainpush.api.company;

import java.util.ArrayList;
import java.util.List;

import io.domainpush.api.common.CompanyIds;
import io.domainpush.api.console.Forms;
import io.domainpush.core.rules.EmailAddresses;

import org.springframework.validation.BindingResult;

/**
 * The Domain Push section of Company settings as the administrator typed it: the allowed
 * companies in one field (IDs separated by commas or spaces), the notification address,
 * the losing-side notice, the mode of bulk-migration emails, whether each push is
 * approved and the hold after a push.
 */
public class DomainPushForm {

	private String allowedCompanies = "";

	private String notificationEmail = "";

	private boolean notifyWhenPushedOut;

	private String notificationMode = "per_domain";

	private String accept = "automatic";

	private String holdDays = "0";

	static DomainPushForm of(CompanyView.DomainPushView current) {
		DomainPushForm form = new DomainPushForm();
		form.allowedCompanies = String.join(", ", current.allowedCompanies().stream().map(String::valueOf).toList());
		form.notificationEmail = current.notificationEmail() == null ? "" : current.notificationEmail();
		form.notifyWhenPushedOut = current.notifyWhenPushedOut();
		form.notificationMode = current.notificationMode();
		form.accept = current.accept();
		form.holdDays = String.valueOf(current.holdDays());
		return form;
	}

	/**
	 * The settings this form asks for; what cannot be read is put on its field.
	 */
	CompanyRequests.DomainPushSettings request(BindingResult errors) {
		List<Long> ids = new ArrayList<>();
		for (String part : allowedCompanies.split("[\\s,;]+")) {
			if (part.isEmpty()) {
				continue;
			}
			if (!CompanyIds.isOne(part)) {
				errors.rejectValue("allowedCompanies", "invalid",
						"\"" + part + "\" is not a company ID: IDs are numbers such as 1001.");
			}
			else if (!ids.contains(Long.parseLong(part))) {
				ids.add(Long.parseLong(part));
			}
		}
		String email = Forms.valueOrNull(notificationEmail);
		if (email != null && !EmailAddresses.isValid(email)) {
			errors.rejectValue("notificationEmail", "invalid",
					"Give one plain address such as ops@example.com, or leave it empty.");
		}
		Integer hold = null;
		if (holdDays.strip().matches("[0-9]{1,3}") && Integer.parseInt(holdDays.strip()) <= 365) {
			hold = Integer.parseInt(holdDays.strip());
		}
		else {
			errors.rejectValue("holdDays", "invalid", "Give a number of days from 0 (no hold) to 365.");
		}
		if (!"automatic".equals(accept) && !"approve".equals(accept)) {
			errors.rejectValue("accept", "invalid", "Choose whether pushes are accepted or approved.");
		}
		return new CompanyRequests.DomainPushSettings(ids, email, notifyWhenPushedOut, notificationMode, accept, hold);
	}

	public String getAllowedCompanies() {
		return allowedCompanies;
	}

	public void setAllowedCompanies(String allowedCompanies) {
		this.allowedCompanies = allowedCompanies == null ? "" : allowedCompanies;
	}

	public String getNotificationEmail() {
		return notificationEmail;
	}

	public void setNotificationEmail(String notificationEmail) {
		this.notificationEmail = notificationEmail == null ? "" : notificationEmail;
	}

	public boolean isNotifyWhenPushedOut() {
		return notifyWhenPushedOut;
	}

	public void setNotifyWhenPushedOut(boolean notifyWhenPushedOut) {
		this.notifyWhenPushedOut = notifyWhenPushedOut;
	}

	public String getAccept() {
		return accept;
	}

	public void setAccept(String accept) {
		this.accept = accept == null ? "" : accept;
	}

	public String getHoldDays() {
		return holdDays;
	}

	public void setHoldDays(String holdDays) {
		this.holdDays = holdDays == null ? "" : holdDays;
	}

	public String getNotificationMode() {
		return notificationMode;
	}

	public void setNotificationMode(String notificationMode) {
		this.notificationMode = notificationMode;
	}

}
