package io.domainpush.core.push;

/**
 * Where a push stands (DESIGN §5). Stored in {@code pushes.status} as the constant's
 * name. A push is {@code ACCEPTED} until the worker applies it ({@code COMPLETED}),
 * refuses it ({@code REJECTED}) or gives up on it ({@code FAILED}), or its submitter
 * cancels it first ({@code CANCELLED}).
 */
public enum PushStatus {

	ACCEPTED, COMPLETED, REJECTED, CANCELLED, FAILED;

	public boolean isTerminal() {
		return this != ACCEPTED;
	}

}
