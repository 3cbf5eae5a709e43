package io.domainpush.api.oma;

import java.util.Map;
import java.util.Set;

import io.domainpush.api.push.PushService;
import io.domainpush.api.push.PushView;
import io.domainpush.core.rules.PushProblem;

import org.springframework.stereotype.Component;

/**
 * {@code push_domain}: OMA's meaning kept, {@code success: true} says the domain is in
 * the new company. The push goes through the same pipeline as the REST API's (accepted,
 * then applied once by the worker); the call waits for its end up to
 * {@code push.oma.push-wait}. Still in progress then: {@code success: false} with the
 * push's id and status ACCEPTED, and calling again with the same domain and company waits
 * for that same push. A push that waits for the gaining company's approval (or its
 * planned time) answers at once with its own error number, the push's id and until when;
 * calling again attaches to it the same way. {@code "wait": false} answers once the push
 * is accepted. {@code "dry_run": true} pushes nothing: it answers what the push would
 * change (the preview), or the refusal the push would get.
 */
@Component
class PushDomainMethod implements OmaMethods {

	private final PushService pushes;

	private final PushWaiter waiter;

	private final OmaProperties properties;

	PushDomainMethod(PushService pushes, PushWaiter waiter, OmaProperties properties) {
		this.pushes = pushes;
		this.waiter = waiter;
		this.properties = properties;
	}

	@Override
	public Map<String, OmaMethod> methods() {
		return Map.of("push_domain", this::pushDomain);
	}

	private Map<String, Object> pushDomain(OmaCall call) {
		OmaRequest request = call.request().allowOnly(Set.of("domain", "new_company", "wait", "dry_run"));
		String domain = request.text("domain");
		long newCompany = request.id("new_company");
		boolean wait = request.flag("wait", true);
		if (request.flag("dry_run", false)) {
			return OmaAnswer.fields("dry_run", true, "preview",
					pushes.previewOrRefuse(call.caller(), domain, newCompany));
		}
		PushView push = pushes.submitOrResume(call.caller(), domain, newCompany);
		if (wait) {
			push = waiter.awaitEnd(call.caller(), push, properties.pushWait());
		}
		Map<String, Object> identity = OmaAnswer.fields("push_id", push.pushId(), "status", push.status());
		return switch (push.status()) {
			case COMPLETED -> identity;
			case ACCEPTED -> {
				if (!wait) {
					yield identity;
				}
				throw new OmaException(OmaError.SERVER_ERROR,
						"The push is accepted and still in progress: call push_domain again to wait for it.", identity);
			}
			case AWAITING_APPROVAL -> throw new OmaException(OmaError.AWAITING_APPROVAL,
					"The gaining company approves each push: this one waits for its answer until "
							+ push.approvalDeadline() + ". Call push_domain again to see how it ends.",
					identity);
			case SCHEDULED -> throw new OmaException(OmaError.SCHEDULED,
					"The push is planned for " + push.notBefore() + ". Call push_domain again after that.", identity);
			case DECLINED ->
				throw new OmaException(OmaError.PERMISSION_DENIED, "The gaining company declined the push.", identity);
			case EXPIRED -> throw new OmaException(OmaError.PERMISSION_DENIED,
					"The gaining company did not approve the push in time; it expired.", identity);
			case REJECTED -> throw rejected(push.reason(), identity);
			case CANCELLED -> throw new OmaException(OmaError.SERVER_ERROR,
					"The push was cancelled before it was applied.", identity);
			case FAILED -> throw new OmaException(OmaError.SERVER_ERROR, "The push failed: " + push.reason(), identity);
		};
	}

	/**
	 * A rejection in OMA's terms: the worker's reason, a code of DESIGN §5, read as the
	 * same number as its refusal at submission.
	 */
	private static OmaException rejected(String reason, Map<String, Object> identity) {
		PushProblem problem = problem(reason);
		return problem == null ? new OmaException(OmaError.SERVER_ERROR, "The push was rejected: " + reason, identity)
				: new OmaException(OmaError.of(problem), "The push was rejected: " + problem.detail(), identity);
	}

	private static PushProblem problem(String reason) {
		try {
			return reason == null ? null : PushProblem.valueOf(reason);
		}
		catch (IllegalArgumentException notAProblemCode) {
			return null;
		}
	}

}
