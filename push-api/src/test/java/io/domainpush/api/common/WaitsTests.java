package io.domainpush.api.common;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitsTests {

	@Test
	void shouldSayAWaitInTheLargestUnitThatReadsWellRoundingUp() {
		assertThat(Waits.readable(Duration.ofMillis(200))).isEqualTo("1 second");
		assertThat(Waits.readable(Duration.ofMillis(1_001))).isEqualTo("2 seconds");
		assertThat(Waits.readable(Duration.ofSeconds(61))).isEqualTo("2 minutes");
		assertThat(Waits.readable(Duration.ofMinutes(5))).isEqualTo("5 minutes");
		assertThat(Waits.readable(Duration.ofMinutes(61))).isEqualTo("2 hours");
		assertThat(Waits.readable(Duration.ofHours(24))).isEqualTo("24 hours");
		assertThat(Waits.readable(Duration.ofDays(7))).isEqualTo("7 days");
		assertThat(Waits.seconds(Duration.ofMillis(1_001))).isEqualTo(2);
	}

}
