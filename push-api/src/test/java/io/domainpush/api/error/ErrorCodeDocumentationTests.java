package io.domainpush.api.error;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every code a caller can receive is in the design's table of codes, with its status. */
class ErrorCodeDocumentationTests {

	@Test
	void shouldListEveryCodeWithItsStatusInTheDesign() throws IOException {
		String design = Files.readString(Path.of("../docs/design.md"));
		String table = design.substring(design.indexOf("## 5. Statuses and codes"), design.indexOf("## 6."));
		for (ErrorCode code : ErrorCode.values()) {
			String row = table.lines()
				.filter(line -> line.startsWith("|") && line.contains("`" + code.name() + "`"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(code + " is not in design.md §5"));
			assertThat(row).as(code.name()).contains(String.valueOf(code.status().value()));
		}
	}

}
