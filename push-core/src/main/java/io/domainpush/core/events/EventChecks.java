package io.domainpush.core.events;

final class EventChecks {

	private EventChecks() {
	}

	static void require(String expectedType, int supportedVersion, String type, int version) {
		if (!expectedType.equals(type)) {
			throw new UnsupportedEventException("expected type " + expectedType + " but got " + type);
		}
		if (version != supportedVersion) {
			throw new UnsupportedEventException(
					"unsupported version " + version + " of " + type + " (supported: " + supportedVersion + ")");
		}
	}

}
