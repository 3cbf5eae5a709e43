package io.domainpush.core.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@Test
	void shouldKeepPrintableAsciiAndReplaceEveryAsciiControlWithASpace() {
		for (char c = 0; c < 128; c++) {
			String cleaned = PlainText.clean("a" + c + "b");
			if (c >= 0x20 && c < 0x7f) {
				assertThat(cleaned).as("character %d", (int) c).isEqualTo("a" + c + "b");
			}
			else {
				assertThat(cleaned).as("character %d", (int) c).isEqualTo("a b");
			}
		}
	}

	@Test
	void shouldKeepLettersOfAnyScriptAndReplaceFormatAndSeparatorCharacters() {
		assertThat(PlainText.clean("  Müller & Söhne 株式会社 ")).isEqualTo("Müller & Söhne 株式会社");
		assertThat(PlainText.clean("evil\u202Egnp.exe")).isEqualTo("evil gnp.exe");
		assertThat(PlainText.clean("zero\u200Bwidth\u2028line\u0085next")).isEqualTo("zero width line next");
		assertThat(PlainText.clean("private\uE000use")).isEqualTo("private use");
		assertThat(PlainText.clean(null)).isEmpty();
	}

}
