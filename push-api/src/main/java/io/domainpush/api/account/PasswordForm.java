package io.domainpush.api.account;

import org.springframework.validation.BindingResult;

/**
 * A new password typed twice (and, to change one's own, the current one). Passwords are
 * never shown again on the page.
 */
public class PasswordForm {

	private String currentPassword = "";

	private String newPassword = "";

	private String repeatPassword = "";

	/**
	 * @return whether the two new passwords are the same (if not, said next to the
	 * second)
	 */
	boolean repeated(BindingResult errors) {
		if (!newPassword.equals(repeatPassword)) {
			errors.rejectValue("repeatPassword", "different", "The password and its repetition differ.");
			return false;
		}
		return true;
	}

	public String getCurrentPassword() {
		return currentPassword;
	}

	public void setCurrentPassword(String currentPassword) {
		this.currentPassword = currentPassword == null ? "" : currentPassword;
	}

	public String getNewPassword() {
		return newPassword;
	}

	public void setNewPassword(String newPassword) {
		this.newPassword = newPassword == null ? "" : newPassword;
	}

	public String getRepeatPassword() {
		return repeatPassword;
	}

	public void setRepeatPassword(String repeatPassword) {
		this.repeatPassword = repeatPassword == null ? "" : repeatPassword;
	}

}
