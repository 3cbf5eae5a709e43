package io.domainpush.api.console;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.validation.constraints.Pattern;

/**
 * When a push (or a bulk push) should happen, as the console's forms ask it: now, at the
 * next billing cycle, or at a date and time in UTC (the form says so). The API's
 * {@code not_before} and {@code at} are made from it; the API checks them.
 */
public class When {

	public static final String NOW = "now";

	public static final String NEXT_BILLING_CYCLE = "next_billing_cycle";

	public static final String AT_TIME = "at_time";

	@Pattern(regexp = NOW + "|" + NEXT_BILLING_CYCLE + "|" + AT_TIME, message = "{form.when}")
	private String choice = NOW;

	@Pattern(regexp = "|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?", message = "{form.when-time}")
	private String time = "";

	/** The time asked for, in UTC; null unless a date and time was chosen. */
	public OffsetDateTime notBefore() {
		return AT_TIME.equals(choice) && !time.isEmpty() ? LocalDateTime.parse(time).atOffset(ZoneOffset.UTC) : null;
	}

	/** {@code next_billing_cycle} when chosen, else null. */
	public String at() {
		return NEXT_BILLING_CYCLE.equals(choice) ? NEXT_BILLING_CYCLE : null;
	}

	/** A date and time chosen without giving one. */
	public boolean lacksTime() {
		return AT_TIME.equals(choice) && time.isEmpty();
	}

	public String getChoice() {
		return choice;
	}

	public void setChoice(String choice) {
		this.choice = choice == null ? NOW : choice;
	}

	public String getTime() {
		return time;
	}

	public void setTime(String time) {
		this.time = time == null ? "" : time;
	}

}
