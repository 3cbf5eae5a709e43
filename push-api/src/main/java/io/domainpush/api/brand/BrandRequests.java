package io.domainpush.api.brand;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.domainpush.core.rules.PlainText;

/** Request bodies of the brand feature. */
final class BrandRequests {

	private BrandRequests() {
	}

	record CreateBrand(
			@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String name,
			Map<String, Object> settings) {
	}

	record UpdateBrand(
			@Size(min = 1, max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String name,
			Map<String, Object> settings) {
	}

}
