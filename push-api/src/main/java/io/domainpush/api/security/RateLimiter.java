package io.domainpush.api.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * Token buckets per key (a token id, a company, a client address), refilled greedily over
 * a period (a minute unless told). In memory and per instance: behind N instances of
 * push-api a client gets up to N times the limit. The map is cleared when it grows past
 * {@value #MAX_KEYS} keys, which at worst resets everybody's allowance.
 */
final class RateLimiter {

	static final int MAX_KEYS = 100_000;

	private final long capacity;

	private final Duration period;

	private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimiter(long perMinute) {
		this(perMinute, Duration.ofMinutes(1));
	}

	/** {@code capacity} units per {@code period}, refilled greedily. */
	RateLimiter(long capacity, Duration period) {
		this.capacity = capacity;
		this.period = period;
	}

	/**
	 * Uses one unit of {@code key}'s allowance: 0 when allowed, else the seconds until
	 * one is available.
	 */
	long tryAcquire(Object key) {
		ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
	}

	/**
	 * Without using any allowance: 0 when {@code key} could act now, else the seconds to
	 * wait.
	 */
	long retryAfter(Object key) {
		Bucket bucket = buckets.get(key);
		if (bucket == null) {
			return 0;
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
	}

	private Bucket bucket(Object key) {
		if (buckets.size() > MAX_KEYS) {
			buckets.clear();
		}
		return buckets.computeIfAbsent(key,
				k -> Bucket.builder()
					.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
					.build());
	}

	private static long seconds(long nanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
	}

}
