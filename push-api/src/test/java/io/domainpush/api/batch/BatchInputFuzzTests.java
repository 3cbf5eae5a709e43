package io.domainpush.api.batch;

import java.io.ByteArrayInputStream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request binding of bulk migrations under Jazzer: whatever bytes a client sends, the
 * streaming readers either return at most the limit of domains or refuse with a problem
 * the API answers (400 or 413), never another exception (a 500).
 */
class BatchInputFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static final int LIMIT = 50;

	@FuzzTest(maxDuration = "20s")
	void jsonBodiesBindOrAreRefusedCleanly(FuzzedDataProvider data) {
		byte[] body = data.consumeRemainingAsBytes();
		try {
			BatchInput.Parsed parsed = BatchInput.json(new ByteArrayInputStream(body), JSON, LIMIT);
			assertThat(parsed.domains()).hasSizeLessThanOrEqualTo(LIMIT).doesNotContainNull();
		}
		catch (ApiException refused) {
			assertThat(refused.code()).isIn(ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE);
		}
	}

	@FuzzTest(maxDuration = "20s")
	void csvBodiesBindOrAreRefusedCleanly(FuzzedDataProvider data) {
		byte[] body = data.consumeRemainingAsBytes();
		try {
			BatchInput.Parsed parsed = BatchInput.csv(new ByteArrayInputStream(body), 7L, null, null, LIMIT);
			assertThat(parsed.domains()).hasSizeLessThanOrEqualTo(LIMIT)
				.allSatisfy(d -> assertThat(d).isNotBlank().hasSizeLessThanOrEqualTo(300).doesNotContain("\n"));
		}
		catch (ApiException refused) {
			assertThat(refused.code()).isIn(ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE);
		}
	}

}
