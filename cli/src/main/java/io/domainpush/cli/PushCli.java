package io.domainpush.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code push}: the Domain Push command-line client. */
@Command(name = "push", mixinStandardHelpOptions = true, version = "push 0.1.0",
		description = "Domain Push command-line client.", subcommands = { BulkCommand.class })
public class PushCli implements Callable<Integer> {

	/**
	 * Exit code when the batch finished but something was rejected, failed or cancelled.
	 */
	public static final int NOT_ALL_PUSHED = 3;

	/** Exit code when the API could not be reached or refused the request. */
	public static final int API_ERROR = 1;

	public static void main(String[] args) {
		System.exit(new CommandLine(new PushCli()).execute(args));
	}

	@Override
	public Integer call() {
		new CommandLine(this).usage(System.out);
		return 0;
	}

}
