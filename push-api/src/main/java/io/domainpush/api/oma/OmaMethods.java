package io.domainpush.api.oma;

import java.util.Map;

/**
 * A group of OMA methods by name; every bean of this type is served by {@link OmaApi}.
 */
interface OmaMethods {

	Map<String, OmaMethod> methods();

}
