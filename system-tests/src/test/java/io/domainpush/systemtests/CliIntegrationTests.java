package io.domainpush.systemtests;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.domainpush.cli.PushCli;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import io.domainpush.local.LocalServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code push bulk} against the running API. */
class CliIntegrationTests extends AgainstRunningSystem {

	@TempDir
	Path dir;

	@Test
	void shouldPushEveryDomainAndExitZero() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		Path file = Files.write(dir.resolve("domains.csv"),
				List.of("domain", scenario.domain(losing, 1, null), scenario.domain(losing, 2, null)));
		Run run = run("bulk", "--file", file.toString(), "--to", String.valueOf(gaining.id()), "--api", apiUrl(),
				"--token", losing.token(), "--interval", "50");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("completed 2, rejected 0, cancelled 0, failed 0 of 2");
		assertThat(run.err()).contains("[##############################] 2/2");
	}

	@Test
	void shouldSummariseRejectionsByCodeAndExitNonZero() throws Exception {
		Company losing = scenario.company("a");
		Company gaining = scenario.company("a");
		scenario.allow(gaining, null, losing);
		String good = scenario.domain(losing, 1, null);
		Path file = Files.write(dir.resolve("domains.csv"), List.of(good, "missing-" + good, "not a domain", good));
		Run run = run("bulk", "--file", file.toString(), "--to", String.valueOf(gaining.id()), "--api", apiUrl(),
				"--token", losing.token(), "--interval", "50");
		assertThat(run.exitCode()).isEqualTo(PushCli.NOT_ALL_PUSHED);
		assertThat(run.out()).contains("completed 1, rejected 3", "DOMAIN_NOT_FOUND", "DUPLICATE_IN_BATCH",
				"VALIDATION_FAILED");
	}

	@Test
	void shouldExitWithApiErrorOnBadToken() throws Exception {
		Path file = Files.write(dir.resolve("domains.csv"), List.of("a.example"));
		Run run = run("bulk", "--file", file.toString(), "--to", "1", "--api", apiUrl(), "--token", "wrong");
		assertThat(run.exitCode()).isEqualTo(PushCli.API_ERROR);
		assertThat(run.err()).contains("401", "UNAUTHENTICATED");
	}

	private static String apiUrl() {
		return "http://127.0.0.1:" + LocalServices.port(system.services.api());
	}

	private static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine cli = new CommandLine(new PushCli());
		cli.setOut(new PrintWriter(out));
		cli.setErr(new PrintWriter(err));
		int code = cli.execute(args);
		return new Run(code, out.toString(), err.toString());
	}

	record Run(int exitCode, String out, String err) {
	}

}
