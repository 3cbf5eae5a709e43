package io.domainpush.core.rules;

/**
 * How a gaining company takes pushes from the companies it allowed (R3): as they come
 * ({@code AUTOMATIC}, the article's standing permission) or each only once one of its
 * administrators approved it ({@code APPROVE}). Stored in {@code companies.push_accept}.
 */
public enum AcceptMode {

	AUTOMATIC, APPROVE

}
