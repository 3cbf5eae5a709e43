package io.domainpush.api.console;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.domainpush.api.common.CompanyIds;
import io.domainpush.api.error.ApiException;

import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * How a console form is checked and answered. A form object is bound from the request
 * ({@code @ModelAttribute}); it makes the API's own request record, which is checked
 * against the same constraints, so a rule on input lives in one place; each violation is
 * put on the form's field of the same name, so the page shows it next to that field. A
 * refusal of the service goes on the field it is about, or above the form.
 */
@Component
public class Forms {

	/** The status of a form shown again with what is wrong. */
	public static final int UNPROCESSABLE = 422;

	/** A company_id as typed into a form: digits, spaces around them forgiven. */
	public static final String COMPANY_ID = "\\s*" + CompanyIds.PATTERN + "\\s*";

	private final Validator validator;

	Forms(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Puts the request's violations on the form's fields of the same names (or above the
	 * form when it has no such field). @return whether the form has no error at all
	 */
	public boolean check(Object request, BindingResult form) {
		violations(request)
			.forEach(violation -> reject(form, violation.getPropertyPath().toString(), violation.getMessage()));
		return !form.hasErrors();
	}

	/**
	 * The request's violations as sentences ("Name: must not be blank"), for a form that
	 * answers with a redirect and says them above the next page; empty when valid.
	 */
	public List<String> problems(Object request) {
		return violations(request).map(v -> label(v.getPropertyPath().toString()) + ": " + v.getMessage()).toList();
	}

	/** The request's violations, in field order. */
	private Stream<ConstraintViolation<Object>> violations(Object request) {
		return validator.validate(request)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()));
	}

	/** The service's refusal, said on this field of the form. */
	public static void refused(ApiException refusal, BindingResult form, String field) {
		reject(form, field, refusal.getBody().getDetail());
	}

	/** The service's refusal, said above the form. */
	public static void refused(ApiException refusal, BindingResult form) {
		form.reject(refusal.code().name(), refusal.getBody().getDetail());
	}

	/**
	 * A date and time chosen without one is said next to the time field (its format the
	 * form's constraints check). @return whether it is complete
	 */
	public static boolean checkWhen(When when, BindingResult form) {
		if (when.lacksTime()) {
			form.rejectValue("when.time", "required", "Give the date and time (UTC) the push should happen at.");
			return false;
		}
		return true;
	}

	/** The form's page again, with status 422: what is wrong stands next to its field. */
	public static String again(String view, HttpServletResponse response) {
		response.setStatus(UNPROCESSABLE);
		return view;
	}

	/** A field that matched {@link #COMPANY_ID}, as the number. */
	public static long companyId(String field) {
		return Long.parseLong(field.strip());
	}

	/** An empty or blank field is no value. */
	public static String valueOrNull(String field) {
		return field == null || field.isBlank() ? null : field.strip();
	}

	private static void reject(BindingResult form, String field, String message) {
		String top = field.split("[.\\[]", 2)[0];
		if (!field.isEmpty() && form.getFieldType(top) != null) {
			form.rejectValue(top, "invalid", message);
		}
		else {
			form.reject("invalid", label(field) + ": " + message);
		}
	}

	private static String label(String property) {
		if (property.isEmpty()) {
			return "Form";
		}
		String words = property.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
