package io.domainpush.api.batch;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sweep that finishes a batch whose last two pushes ended at the same moment in two
 * transactions (neither saw the batch finished; see {@code Batches}).
 *
 * @param interval how often push-api looks: the longest such a batch's digest and
 * {@code batch.finished} event wait
 * @param batchSize batches finished per look (the rest follow at once)
 */
@Validated
@ConfigurationProperties("push.api.batches.finish-sweep")
record BatchFinishProperties(@DefaultValue("2s") Duration interval, @DefaultValue("100") @Min(1) int batchSize) {
}
