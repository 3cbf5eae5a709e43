package io.domainpush.api.console;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Console forms fill the API's own request records, and are checked against the same
 * constraints, so a rule on input lives in one place; here the violations become
 * sentences for the page.
 */
@Component
public class Forms {

	private final Validator validator;

	Forms(Validator validator) {
		this.validator = validator;
	}

	/**
	 * The request's violations, as "field: what is wrong", in field order; empty when
	 * valid.
	 */
	public List<String> problems(Object request) {
		return validator.validate(request)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
			.map(v -> label(v.getPropertyPath().toString()) + ": " + v.getMessage())
			.toList();
	}

	/** An empty or blank field is no value. */
	public static String valueOrNull(String field) {
		return field == null || field.isBlank() ? null : field.strip();
	}

	private static String label(String property) {
		String words = property.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
