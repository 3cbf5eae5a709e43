package io.domainpush.api.webhook;

import java.util.ArrayList;
import java.util.List;

import io.domainpush.core.webhook.WebhookEventType;

/**
 * The form for a new webhook endpoint: its URL and the events it hears of (all, at
 * first).
 */
public class WebhookForm {

	private String url = "";

	private List<String> events = new ArrayList<>(WebhookEventType.subscribable());

	public String getUrl() {
		return url;
	}

	public void setUrl(String url) {
		this.url = url == null ? "" : url;
	}

	public List<String> getEvents() {
		return events;
	}

	public void setEvents(List<String> events) {
		this.events = events == null ? new ArrayList<>() : events;
	}

}
