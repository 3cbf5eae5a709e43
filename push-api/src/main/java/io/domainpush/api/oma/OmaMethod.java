package io.domainpush.api.oma;

import java.util.Map;

/**
 * One OMA method: the fields of its successful answer (besides {@code success}), or an
 * {@link OmaException} / {@code ApiException} for a refusal.
 */
@FunctionalInterface
interface OmaMethod {

	Map<String, Object> call(OmaCall call);

}
