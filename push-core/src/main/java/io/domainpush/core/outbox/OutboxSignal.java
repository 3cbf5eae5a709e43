package io.domainpush.core.outbox;

import io.domainpush.core.loop.Wakeup;

import org.springframework.stereotype.Component;

/** Lets writers wake the relay at once instead of waiting for its next poll. */
@Component
public class OutboxSignal extends Wakeup {

}
