package io.domainpush.api.oma;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.security.AccountRequestLimit;
import io.domainpush.api.account.AccountSignIn;
import io.domainpush.core.kafka.TransientFailures;
import io.domainpush.api.common.Waits;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Serves one OMA request: the method must exist (HTTP 404 otherwise, as OMA), the body
 * must be a JSON object (HTTP 400), then the credentials are checked as a sign-in (a
 * password or a session token; throttled like the console's) and the account's request
 * rate, and the method runs. Every answer of a method, a refusal included, is HTTP 200
 * with {@code success}; an unexpected failure is HTTP 500 with error 0.
 */
@Service
class OmaApi {

	private static final Logger log = LoggerFactory.getLogger(OmaApi.class);

	private final Map<String, OmaMethod> methods = new HashMap<>();

	private final AccountSignIn signIn;

	private final AccountRequestLimit requestLimit;

	private final JsonMapper json;

	private final MeterRegistry registry;

	OmaApi(List<OmaMethods> groups, AccountSignIn signIn, AccountRequestLimit requestLimit, JsonMapper json,
			MeterRegistry registry) {
		groups.forEach(group -> this.methods.putAll(group.methods()));
		this.signIn = signIn;
		this.requestLimit = requestLimit;
		this.json = json;
		this.registry = registry;
	}

	/**
	 * Serves the call and counts it in {@code push_oma_calls_total{method, outcome}}:
	 * outcome {@code success} or {@code error_<number>}; methods that do not exist are
	 * counted as {@code unknown}.
	 */
	OmaAnswer call(String name, byte[] body, String address) {
		OmaAnswer answer = answer(name, body, address);
		Object number = answer.body().get("error_number");
		registry
			.counter("push.oma.calls", "method", methods.containsKey(name) ? name : "unknown", "outcome",
					number == null ? "success" : "error_" + number)
			.increment();
		return answer;
	}

	private OmaAnswer answer(String name, byte[] body, String address) {
		OmaMethod method = methods.get(name);
		if (method == null) {
			return OmaAnswer.refusal(404, OmaException.badRequest("There is no method '" + printable(name)
					+ "' here; the methods are " + methods.keySet().stream().sorted().toList() + "."));
		}
		JsonNode request;
		try {
			request = body == null || body.length == 0 ? null : json.readTree(body);
		}
		catch (JacksonException malformed) {
			return OmaAnswer.refusal(400, OmaException.badRequest("The body is not well-formed JSON."));
		}
		if (request == null || !request.isObject()) {
			return OmaAnswer.refusal(400, OmaException.badRequest("The body must be one JSON object."));
		}
		try {
			AccountSignIn.SignedIn account = authenticate(new OmaRequest(request), address,
					name.equals("authenticate"));
			long wait = requestLimit.tryAcquire(account.caller().actorId());
			if (wait > 0) {
				throw new OmaException(OmaError.SERVER_ERROR,
						"Too many requests from this account: try again in " + wait + " s.",
						Map.of("retry_after", wait));
			}
			return OmaAnswer.success(method.call(new OmaCall(account, new OmaRequest(request))));
		}
		catch (OmaException refusal) {
			return OmaAnswer.refusal(200, refusal);
		}
		catch (ApiException refusal) {
			return OmaAnswer.refusal(200, OmaException.from(refusal, false));
		}
		catch (RuntimeException unexpected) {
			if (TransientFailures.isTransient(unexpected)) {
				// the database is unreachable: one line, not a stack trace per request
				log.warn("OMA method {} not served, the database is unavailable: {}", name, unexpected.toString());
				return OmaAnswer.refusal(503,
						new OmaException(OmaError.SERVER_ERROR,
								"The service cannot serve requests right now; nothing was changed. Retry later.",
								Map.of("retry_after", 5L)));
			}
			log.error("OMA method {} failed", name, unexpected);
			return OmaAnswer.refusal(500, new OmaException(OmaError.SERVER_ERROR, null));
		}
	}

	/**
	 * {@code credentials}: {@code user} and its {@code password} or a session
	 * {@code token}; {@code client} (a label of the calling program) is allowed and not
	 * used.
	 */
	private AccountSignIn.SignedIn authenticate(OmaRequest request, String address, boolean auditSuccess) {
		if (!request.has("credentials") || !request.raw("credentials").isObject()) {
			throw new OmaException(OmaError.INVALID_CREDENTIALS, "The request has no 'credentials' object.");
		}
		OmaRequest credentials = request.object("credentials").allowOnly(Set.of("user", "password", "token", "client"));
		String user = textOrNull(credentials.raw("user"));
		String password = textOrNull(credentials.raw("password"));
		String token = textOrNull(credentials.raw("token"));
		if (user == null || (password == null) == (token == null)) {
			throw new OmaException(OmaError.INVALID_CREDENTIALS,
					"'credentials' needs a 'user' and either its 'password' or a session 'token'.");
		}
		if (password != null) {
			long wait = requestLimit.tryPasswordCheck(user);
			if (wait > 0) {
				throw new OmaException(OmaError.SERVER_ERROR,
						"Too many requests with this user's password: try again in " + wait
								+ " s, or use a session token from authenticate.",
						Map.of("retry_after", wait));
			}
		}
		try {
			return password != null ? signIn.withPassword(user, password, address, null, "oma", auditSuccess)
					: signIn.withToken(user, token, address, "oma");
		}
		catch (AccountSignIn.Refused refused) {
			if (refused.throttled()) {
				throw new OmaException(OmaError.INVALID_CREDENTIALS, refused.getMessage(),
						Map.of("retry_after", Waits.seconds(refused.retryAfter())));
			}
			throw new OmaException(OmaError.INVALID_CREDENTIALS, null);
		}
	}

	private static String textOrNull(JsonNode value) {
		return value != null && value.isString() && !value.stringValue().isEmpty() ? value.stringValue() : null;
	}

	private static String printable(String name) {
		return name.length() > 64 || !name.matches("[A-Za-z0-9_.-]*") ? "(unprintable)" : name;
	}

}
