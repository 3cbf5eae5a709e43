package io.domainpush.api.oma;

import io.domainpush.api.account.AccountSignIn;
import io.domainpush.api.common.Caller;

/** One authenticated OMA request: who sent it and what it asks. */
record OmaCall(AccountSignIn.SignedIn account, OmaRequest request) {

	Caller caller() {
		return account.caller();
	}

}
