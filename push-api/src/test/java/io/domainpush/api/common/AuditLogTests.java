package io.domainpush.api.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTests {

	@Test
	void shouldEscapeEveryControlCharacterSoOneEntryStaysOneLine() {
		assertThat(AuditLog.escape("push 1\r\naudit action=FORGED\u001b[31m\u2028x"))
			.isEqualTo("push 1\\u000d\\u000aaudit action=FORGED\\u001b[31m\\u2028x")
			.doesNotContain("\n", "\r");
		assertThat(AuditLog.escape(null)).isNull();
		assertThat(AuditLog.escape("domain push ü")).isEqualTo("domain push ü");
	}

}
