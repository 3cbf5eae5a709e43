package io.domainpush.systemtests;

import java.util.List;
import java.util.Map;

import io.domainpush.core.testing.ApiClient;
import io.domainpush.core.testing.Scenario;
import io.domainpush.core.testing.Scenario.Company;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R2–R4 refusals: up front at submission (nothing is queued), and by the worker when the
 * state changed after the push was accepted (REJECTED with the code, nothing moved, no
 * history, no email).
 */
class PushRefusalIntegrationTests extends AgainstRunningSystem {

	@Test
	void shouldRefuseUpFrontAndQueueNothing() {
		Company losing = scenario.company("a");
		Company notAllowing = scenario.company("a");
		Company otherCluster = scenario.company("b");
		Company stranger = scenario.company("a");
		scenario.allow(otherCluster, null, losing);
		String domain = scenario.domain(losing, 1, null);

		assertRefused(losing, domain, notAllowing.id(), 422, "PUSH_NOT_ALLOWED");
		assertRefused(losing, domain, otherCluster.id(), 422, "CLUSTER_MISMATCH");
		assertRefused(losing, domain, losing.id(), 422, "SAME_COMPANY");
		// a company that does not exist looks like one that has not allowed the losing
		// company
		assertRefused(losing, domain, 987654321L, 422, "PUSH_NOT_ALLOWED");
		assertRefused(losing, "no-such-domain.example", notAllowing.id(), 404, "DOMAIN_NOT_FOUND");
		// a company admin naming a domain it does not own: 404, as if it did not exist
		assertRefused(stranger, domain, notAllowing.id(), 404, "DOMAIN_NOT_FOUND");

		JsonNode precheck = api
			.post("/api/v1/pushes/precheck", losing.token(),
					ApiClient.json(Map.of("domain", domain, "gaining_company_id", otherCluster.id())))
			.json();
		assertThat(precheck.get("ok").asBoolean()).isFalse();
		assertThat(precheck.get("problems").valueStream().map(p -> p.get("code").asString()))
			.containsExactly("CLUSTER_MISMATCH");

		assertThat(api.get("/api/v1/pushes?domain=" + domain, losing.token()).json().get("items")).isEmpty();
		assertThat(api.get("/api/v1/domains/" + domain, losing.token()).json().get("company_id").asLong())
			.isEqualTo(losing.id());
	}

	@Test
	void shouldRejectWhenStateChangedAfterAcceptance() {
		Company losing = scenario.company("a");
		Company revoking = scenario.company("a");
		Company deleted = scenario.company("a");
		Company movingCluster = scenario.company("a");
		Company gaining = scenario.company("a");
		Company thirdParty = scenario.company("a");
		for (Company company : List.of(revoking, deleted, movingCluster, gaining)) {
			scenario.allow(company, "noc-" + company.id() + "@example.com", losing);
		}
		String revokedDomain = scenario.domain(losing, 2, null);
		String deletedDomain = scenario.domain(losing, 2, null);
		String clusterDomain = scenario.domain(losing, 2, null);
		String movedDomain = scenario.domain(losing, 2, null);

		system.pauseWorker();
		String revokedPush;
		String deletedPush;
		String clusterPush;
		String movedPush;
		try {
			revokedPush = scenario.push(losing, revokedDomain, revoking).get("push_id").asString();
			deletedPush = scenario.push(losing, deletedDomain, deleted).get("push_id").asString();
			clusterPush = scenario.push(losing, clusterDomain, movingCluster).get("push_id").asString();
			movedPush = scenario.push(losing, movedDomain, gaining).get("push_id").asString();

			scenario.allow(revoking, null); // permission revoked
			assertThat(api.delete("/api/v1/companies/" + deleted.id(), RunningSystem.OPERATOR_TOKEN).status())
				.isEqualTo(204);
			// clusters and ownership outside a push are operator actions this API does
			// not offer: change them in the database
			system.db.sql("update companies set cluster = 'b' where company_id = :id")
				.param("id", movingCluster.id())
				.update();
			system.db.sql("update domains set company_id = :owner where name = :name")
				.param("owner", thirdParty.id())
				.param("name", movedDomain)
				.update();
		}
		finally {
			system.resumeWorker();
		}

		assertRejected(losing, revokedPush, "PUSH_NOT_ALLOWED", revokedDomain, losing.id());
		assertRejected(losing, deletedPush, "COMPANY_NOT_FOUND", deletedDomain, losing.id());
		assertRejected(losing, clusterPush, "CLUSTER_MISMATCH", clusterDomain, losing.id());
		assertRejected(losing, movedPush, "NOT_DOMAIN_OWNER", movedDomain, thirdParty.id());
		system.awaitQuiet();
		for (String push : List.of(revokedPush, deletedPush, clusterPush, movedPush)) {
			assertThat(Emails.withMessageId(system.mail, "<" + push + "@domain-push>")).isEmpty();
		}
	}

	@Test
	void shouldNotTellWhichCompaniesExistOrWhereBeforeTheyAllowedTheCaller() {
		Company prober = scenario.company("b");
		Company existing = scenario.company("a");
		String domain = scenario.domain(prober, 1, null);
		long missing = 987654320L;
		for (String path : List.of("/api/v1/pushes/precheck", "/api/v1/pushes")) {
			ApiClient.Response toExisting = api.post(path, prober.token(),
					ApiClient.json(Map.of("domain", domain, "gaining_company_id", existing.id())));
			ApiClient.Response toMissing = api.post(path, prober.token(),
					ApiClient.json(Map.of("domain", domain, "gaining_company_id", missing)));
			assertThat(toExisting.status()).isEqualTo(toMissing.status());
			assertThat(toExisting.body().replace(String.valueOf(existing.id()), "ID"))
				.isEqualTo(toMissing.body().replace(String.valueOf(missing), "ID"));
			assertThat(toExisting.body()).contains("PUSH_NOT_ALLOWED")
				.doesNotContain("CLUSTER_MISMATCH", "COMPANY_NOT_FOUND");
		}
		ApiClient.Response batchToExisting = api.post("/api/v1/push-batches", prober.token(),
				Scenario.batchBody(existing.id(), List.of(domain)));
		ApiClient.Response batchToMissing = api.post("/api/v1/push-batches", prober.token(),
				Scenario.batchBody(missing, List.of(domain)));
		assertThat(batchToExisting.status()).isEqualTo(batchToMissing.status()).isEqualTo(422);
		assertThat(batchToExisting.code()).isEqualTo(batchToMissing.code()).isEqualTo("PUSH_NOT_ALLOWED");
		// once allowed, the cluster check speaks
		scenario.allow(existing, null, prober);
		assertRefused(prober, domain, existing.id(), 422, "CLUSTER_MISMATCH");
	}

	private static void assertRefused(Company caller, String domain, long gaining, int status, String code) {
		ApiClient.Response response = api.post("/api/v1/pushes", caller.token(),
				ApiClient.json(Map.of("domain", domain, "gaining_company_id", gaining)));
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.code()).isEqualTo(code);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	private static void assertRejected(Company losing, String pushId, String reason, String domain, long owner) {
		JsonNode push = system.awaitStatus(losing, pushId, "REJECTED");
		assertThat(push.get("reason").asString()).isEqualTo(reason);
		assertThat(push.get("completed_at").isNull()).isFalse();
		assertThat(push.get("users_moved").isNull()).isTrue();
		assertThat(system.db.sql("select company_id from domains where name = :name")
			.param("name", domain)
			.query(Long.class)
			.single()).isEqualTo(owner);
		assertThat(system.db.sql("select count(*) from push_history where push_id = cast(:id as uuid)")
			.param("id", pushId)
			.query(Long.class)
			.single()).isZero();
		assertThat(system.db.sql("select count(*) from notifications where push_id = cast(:id as uuid)")
			.param("id", pushId)
			.query(Long.class)
			.single()).isZero();
	}

}
