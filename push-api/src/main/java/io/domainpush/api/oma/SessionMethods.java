package io.domainpush.api.oma;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.domainpush.api.account.AccountSignIn;
import io.domainpush.api.common.Caller;

import org.springframework.stereotype.Component;

/**
 * {@code authenticate} (checks the credentials; optionally issues a session token to use
 * instead of the password) and {@code echo} (a round trip that proves the credentials and
 * the connection).
 */
@Component
class SessionMethods implements OmaMethods {

	private final AccountSignIn signIn;

	private final OmaProperties properties;

	SessionMethods(AccountSignIn signIn, OmaProperties properties) {
		this.signIn = signIn;
		this.properties = properties;
	}

	@Override
	public Map<String, OmaMethod> methods() {
		return Map.of("authenticate", this::authenticate, "echo", this::echo);
	}

	private Map<String, Object> authenticate(OmaCall call) {
		OmaRequest request = call.request()
			.allowOnly(Set.of("fetch_extra_info", "generate_session_token", "session_token_duration", "token"));
		if (request.has("token")) {
			throw OmaException.badRequest("'token': a session token cannot be chosen; leave it out and one is made.");
		}
		long duration = request.optionalLong("session_token_duration", properties.sessionTokenDuration().toSeconds(), 1,
				properties.maxSessionTokenDuration().toSeconds());
		Map<String, Object> answer = new LinkedHashMap<>();
		if (request.flag("generate_session_token", false)) {
			AccountSignIn.IssuedToken token = signIn.issueToken(call.account(), Duration.ofSeconds(duration),
					properties.maxSessionTokenDuration(), properties.maxSessionTokensPerAccount());
			answer.put("session_token", token.token());
			// a token made with a token ends with its chain, maybe before the duration
			// asked for
			answer.put("session_token_duration",
					Math.min(duration,
							Math.max(1,
									java.time.Duration.between(java.time.OffsetDateTime.now(), token.expiresAt())
										.plusMillis(999)
										.toSeconds())));
			answer.put("session_token_expires_at", token.expiresAt());
		}
		if (request.flag("fetch_extra_info", false)) {
			Caller caller = call.caller();
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("user", call.account().username());
			info.put("role", caller.isOperator() ? "operator" : "company_admin");
			info.put("company_id", caller.companyId());
			answer.put("extra_info", info);
		}
		return answer;
	}

	/** Everything the request carried but its credentials, as it came. */
	private Map<String, Object> echo(OmaCall call) {
		Map<String, Object> echoed = new LinkedHashMap<>();
		for (String field : call.request().fields()) {
			if (!field.equals("credentials")) {
				echoed.put(field, call.request().raw(field));
			}
		}
		return Map.of("echo", echoed);
	}

}
