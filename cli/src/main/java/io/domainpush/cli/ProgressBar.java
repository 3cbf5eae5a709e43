package io.domainpush.cli;

import tools.jackson.databind.JsonNode;

/** One line of progress for a batch: a bar of what is done and the counts. */
final class ProgressBar {

	private ProgressBar() {
	}

	static String render(JsonNode progress, int width) {
		long total = progress.get("total").asLong();
		long pending = progress.get("pending").asLong();
		long done = total - pending;
		int filled = total == 0 ? width : (int) (width * done / total);
		return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + "  completed "
				+ progress.get("completed").asLong() + "  rejected " + progress.get("rejected").asLong() + "  pending "
				+ pending + (progress.get("failed").asLong() > 0 ? "  failed " + progress.get("failed").asLong() : "");
	}

}
