package io.domainpush.api.oma;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import io.domainpush.core.rules.PushProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OmaErrorTests {

	@Test
	void everyPushProblemHasTheNumberOfItsRefusalAtSubmission() {
		for (PushProblem problem : PushProblem.values()) {
			if (problem.answeredAtSubmission()) {
				assertThat(OmaError.of(problem)).as(problem.name())
					.isEqualTo(OmaError.of(ApiException.refused(problem), false));
			}
		}
	}

	@Test
	void aMoveUndoneByTheWorkersCountIsAServerError() {
		assertThat(PushProblem.COUNTS_CHANGED.answeredAtSubmission()).isFalse();
		assertThat(OmaError.of(PushProblem.COUNTS_CHANGED).number()).isZero();
	}

	@Test
	void refusalsOfTheRestApiReadAsOmasNumbers() {
		assertThat(OmaError.of(ApiException.notFound(ErrorCode.DOMAIN_NOT_FOUND, "Domain"), false).number())
			.isEqualTo(2);
		assertThat(OmaError.of(ApiException.refused(PushProblem.PUSH_NOT_ALLOWED), false).number()).isEqualTo(4);
		assertThat(OmaError.of(ApiException.refused(PushProblem.PUSH_IN_PROGRESS), false).number()).isEqualTo(7);
		assertThat(OmaError.of(ApiException.invalid("bad"), false).number()).isEqualTo(5);
		assertThat(OmaError.of(ApiException.invalid("bad"), true).number()).isEqualTo(6);
		// an unknown company named inside the attributes is a bad value, the company
		// itself missing is a missing object
		ApiException unknownInList = ApiException.unprocessable(ErrorCode.COMPANY_NOT_FOUND, "Unknown company");
		assertThat(OmaError.of(unknownInList, true).number()).isEqualTo(6);
		assertThat(OmaError.of(ApiException.notFound(ErrorCode.COMPANY_NOT_FOUND, "Company"), true).number())
			.isEqualTo(2);
		assertThat(OmaError.of(new ApiException(ErrorCode.RATE_LIMITED, "slow down"), false).number()).isZero();
	}

	@Test
	void anAnswerCarriesTheDocumentedTextThenWhatWasWrong() {
		var answer = new OmaException(OmaError.BAD_ATTRIBUTES, "Attribute 'x' is not supported.").answer();
		assertThat(answer).containsEntry("success", false)
			.containsEntry("error_number", 6)
			.containsEntry("error", "One or more attributes badly formatted. Attribute 'x' is not supported.");
	}

}
