package io.domainpush.api.brand;

import java.util.Map;

/**
 * A brand. {@code name} null and {@code editable} false mark the frozen copy a pushed
 * domain keeps (R7).
 */
public record BrandView(long brandId, long companyId, String name, boolean editable, Map<String, Object> settings) {
}
