package io.domainpush.api.ops;

import java.util.List;

import io.domainpush.api.common.ConsoleController;
import io.domainpush.api.common.Caller;
import io.domainpush.core.kafka.ConsumerLag;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operator's Operations page: lag per consumer group (records and seconds, with a
 * live chart), dead letters, queued pushes and waiting notifications.
 */
@ConsoleController
class OperationsPage {

	private final Operations operations;

	OperationsPage(Operations operations) {
		this.operations = operations;
	}

	@GetMapping("/console/operations")
	String page(Caller caller, Model model) {
		model.addAttribute("ops", operations.snapshot(caller));
		return "console/ops/operations";
	}

	/** The figures again, every few seconds, for the tables. */
	@GetMapping("/console/operations/figures")
	String figures(Caller caller, Model model) {
		model.addAttribute("ops", operations.snapshot(caller));
		return "console/ops/operations :: figures";
	}

	/** One point per group for the chart: lag in records and seconds now. */
	@GetMapping("/console/operations/lag.json")
	@ResponseBody
	List<Point> lag(Caller caller) {
		ConsumerLag lag = operations.lag(caller);
		if (lag == null) {
			return List.of();
		}
		long at = lag.measuredAt().getEpochSecond();
		return lag.groups().stream().map(g -> new Point(g.group(), at, g.totalLag(), g.maxLagSeconds())).toList();
	}

	record Point(String group, long at, long records, double seconds) {
	}

}
