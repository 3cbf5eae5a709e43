package io.domainpush.worker.apply;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param attemptsAlone how often a request that failed for a non-transient reason is
 * tried again on its own before the worker gives up on it (the push becomes FAILED and
 * its request is dead-lettered)
 */
@Validated
@ConfigurationProperties("push.worker")
record WorkerProperties(@DefaultValue("3") @Min(1) int attemptsAlone) {
}
