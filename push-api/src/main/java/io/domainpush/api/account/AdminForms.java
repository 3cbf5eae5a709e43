package io.domainpush.api.account;

/** The forms of the Administrators page. */
public final class AdminForms {

	private AdminForms() {
	}

	/** An invitation: the invitee's email address, which becomes their username. */
	public static class Invitation {

		private String email = "";

		public String getEmail() {
			return email;
		}

		public void setEmail(String email) {
			this.email = email == null ? "" : email;
		}

	}

	/** The operator's form for an administrator with a password. */
	public static class NewAdmin {

		private String username = "";

		private String password = "";

		public String getUsername() {
			return username;
		}

		public void setUsername(String username) {
			this.username = username == null ? "" : username;
		}

		public String getPassword() {
			return password;
		}

		public void setPassword(String password) {
			this.password = password == null ? "" : password;
		}

	}

}
