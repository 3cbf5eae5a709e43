package io.domainpush.api.common;

/**
 * A company id as people and clients write it: 1 to 18 digits without a leading zero (it
 * always fits a {@code long}). The one home of the rule: the console's forms, the
 * allowed-companies field, a company named by id or name, and the OMA-compatible API's
 * ids given as strings.
 */
public final class CompanyIds {

	/** The rule, for a constraint (an annotation needs a constant). */
	public static final String PATTERN = "[1-9][0-9]{0,17}";

	private CompanyIds() {
	}

	public static boolean isOne(String text) {
		return text.matches(PATTERN);
	}

}
