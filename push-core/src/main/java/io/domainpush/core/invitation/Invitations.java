package io.domainpush.core.invitation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.domainpush.core.delivery.DeliveryProperties;
import io.domainpush.core.delivery.DeliveryQueue;
import io.domainpush.core.delivery.QueueTable;
import io.domainpush.core.delivery.Statuses;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every statement on {@code invitations}, in one place: push-api makes an invitation (the
 * token stored as its hash, and sealed until the email is sent), lists, revokes and
 * accepts them; the notifier sends each invitation's email as a delivery of the shared
 * queue and then forgets the sealed token.
 */
@Repository
public class Invitations {

	private static final QueueTable<DueInvitation> TABLE = new QueueTable<>("invitations", "d.delivery_id", """
			select c.delivery_id, c.company_id, co.name as company_name, c.email, c.sealed_token, c.attempts,
			       c.queued_at, c.expires_at
			  from claimed c join companies co on co.company_id = c.company_id
			 order by c.created_at""",
			(rs, n) -> new DueInvitation(rs.getObject("delivery_id", UUID.class), rs.getLong("company_id"),
					rs.getString("company_name"), rs.getString("email"), rs.getBytes("sealed_token"),
					rs.getInt("attempts"), rs.getObject("queued_at", OffsetDateTime.class).toInstant(),
					rs.getObject("expires_at", OffsetDateTime.class).toInstant()),
			new Statuses("SENT", "SKIPPED", "FAILED"));

	private final JdbcClient jdbc;

	private final DeliveryQueue<DueInvitation> queue;

	public Invitations(JdbcClient jdbc, DeliveryProperties delivery) {
		this.jdbc = jdbc;
		this.queue = new DeliveryQueue<>(jdbc, TABLE, delivery.claimLease());
	}

	/** The invitation emails as a queue of deliveries. */
	public DeliveryQueue<DueInvitation> queue() {
		return queue;
	}

	/** A new invitation, its email due at once; @return its id */
	public UUID create(long companyId, String email, byte[] tokenHash, byte[] sealedToken, UUID invitedBy,
			Duration lifetime) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into invitations (delivery_id, company_id, email, token_hash, sealed_token, invited_by, expires_at,
						                         status)
						values (:id, :company, :email, :hash, :sealed, :by, now() + :millis * interval '1 millisecond', :pending)""")
			.param("id", id)
			.param("company", companyId)
			.param("email", email)
			.param("hash", tokenHash)
			.param("sealed", sealedToken)
			.param("by", invitedBy)
			.param("millis", lifetime.toMillis())
			.param("pending", Statuses.PENDING)
			.update();
		return id;
	}

	/** Invitations of the company still open (neither accepted, revoked nor expired). */
	public int countOpen(long companyId) {
		return jdbc.sql("""
				select count(*) from invitations where company_id = :company and accepted_at is null
				   and revoked_at is null and expires_at > now()""")
			.param("company", companyId)
			.query(Integer.class)
			.single();
	}

	/** The company's invitations, newest first. */
	public List<Invitation> list(long companyId, int limit, long offset) {
		return jdbc.sql("""
				select delivery_id, company_id, email, created_at, expires_at, accepted_at, revoked_at, status
				  from invitations where company_id = :company
				 order by created_at desc, delivery_id limit :limit offset :offset""")
			.param("company", companyId)
			.param("limit", limit)
			.param("offset", offset)
			.query(Invitations::invitation)
			.list();
	}

	/** Revokes an open invitation of the company; @return whether there was one */
	public boolean revoke(long companyId, UUID invitationId) {
		return jdbc.sql("""
				update invitations set revoked_at = now(), sealed_token = null, updated_at = now(),
				       status = case when status = :pending then 'SKIPPED' else status end, claim_token = null
				 where delivery_id = :id and company_id = :company and accepted_at is null and revoked_at is null""")
			.param("pending", Statuses.PENDING)
			.param("id", invitationId)
			.param("company", companyId)
			.update() == 1;
	}

	/** The open invitation whose token has this hash, locked for its acceptance. */
	public Optional<Invitation> openForAcceptance(byte[] tokenHash) {
		return jdbc.sql("""
				select delivery_id, company_id, email, created_at, expires_at, accepted_at, revoked_at, status
				  from invitations where token_hash = :hash and accepted_at is null and revoked_at is null
				   and expires_at > now()
				   for update""").param("hash", tokenHash).query(Invitations::invitation).optional();
	}

	public void accepted(UUID invitationId) {
		jdbc.sql(
				"update invitations set accepted_at = now(), sealed_token = null, updated_at = now() where delivery_id = :id")
			.param("id", invitationId)
			.update();
	}

	/** Sent emails need their link no more: it is forgotten. */
	public int forgetSentTokens() {
		return jdbc
			.sql("update invitations set sealed_token = null where status <> :pending and sealed_token is not null")
			.param("pending", Statuses.PENDING)
			.update();
	}

	private static Invitation invitation(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Invitation(rs.getObject("delivery_id", UUID.class), rs.getLong("company_id"), rs.getString("email"),
				instant(rs.getObject("created_at", OffsetDateTime.class)),
				instant(rs.getObject("expires_at", OffsetDateTime.class)),
				instant(rs.getObject("accepted_at", OffsetDateTime.class)),
				instant(rs.getObject("revoked_at", OffsetDateTime.class)), rs.getString("status"));
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	/**
	 * An invitation as its company sees it.
	 *
	 * @param emailStatus the email's delivery: PENDING, SENT, FAILED, SKIPPED (revoked
	 * before it went)
	 */
	public record Invitation(UUID invitationId, long companyId, String email, Instant createdAt, Instant expiresAt,
			Instant acceptedAt, Instant revokedAt, String emailStatus) {

		/** PENDING, ACCEPTED, REVOKED or EXPIRED. */
		public String state(Instant now) {
			if (acceptedAt != null) {
				return "ACCEPTED";
			}
			if (revokedAt != null) {
				return "REVOKED";
			}
			return expiresAt.isAfter(now) ? "PENDING" : "EXPIRED";
		}

	}

}
