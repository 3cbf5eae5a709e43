package io.domainpush.api.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domainpush.api.error.ApiException;
import io.domainpush.api.error.ErrorCode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Paging by key: the cursor a page gives, the statement parts that read the page after or
 * before it, and the requests and tokens refused.
 */
class KeysetTests {

	private static final Keyset NEWEST_FIRST = new Keyset(List.of("p.submitted_at", "p.push_id"), true,
			cursor -> List.of(cursor.time(0), cursor.uuid(1)));

	private static final Keyset BY_NAME = new Keyset(List.of("name"), false, cursor -> List.of(cursor.text(0)));

	@Test
	void shouldGiveBackTheKeyACursorWasMadeOf() {
		OffsetDateTime at = OffsetDateTime.parse("2026-12-06T01:02:03.123456Z");
		UUID id = UUID.randomUUID();
		Cursor cursor = Cursor.parse(Cursor.of(at, id).token(), "after");
		assertThat(cursor.time(0)).isEqualTo(at);
		assertThat(cursor.uuid(1)).isEqualTo(id);
		assertThat(Cursor.of(at, id).token()).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void shouldReadAfterACursorInTheListsOrderAndBeforeItInReverse() {
		PageRequest after = new PageRequest(0, 50, Cursor.of("x", "y"), null);
		PageRequest before = new PageRequest(0, 50, null, Cursor.of("x", "y"));
		assertThat(NEWEST_FIRST.condition(after)).isEqualTo(" and (p.submitted_at, p.push_id) < (:k0, :k1)");
		assertThat(NEWEST_FIRST.orderBy(after)).isEqualTo(" order by p.submitted_at desc, p.push_id desc");
		assertThat(NEWEST_FIRST.condition(before)).isEqualTo(" and (p.submitted_at, p.push_id) > (:k0, :k1)");
		assertThat(NEWEST_FIRST.orderBy(before)).isEqualTo(" order by p.submitted_at, p.push_id");
		assertThat(BY_NAME.condition(new PageRequest(0, 50, Cursor.of("b.example"), null)))
			.isEqualTo(" and (name) > (:k0)");
		assertThat(BY_NAME.inOrder(List.of(3, 2, 1), new PageRequest(0, 50, null, Cursor.of("d.example"))))
			.containsExactly(1, 2, 3);
	}

	@Test
	void shouldCutThePageFromTheKeysAloneThenReadOnlyItsRowsByTheUniqueLastKey() {
		PageRequest after = new PageRequest(0, 50, Cursor.of("x", "y"), null);
		assertThat(NEWEST_FIRST.select("p.*", "pushes p", "p.losing_company_id = :company", after))
			.isEqualTo("select p.* from pushes p where p.push_id in (select p.push_id from pushes p"
					+ " where p.losing_company_id = :company and (p.submitted_at, p.push_id) < (:k0, :k1)"
					+ " order by p.submitted_at desc, p.push_id desc limit :limit)"
					+ " order by p.submitted_at desc, p.push_id desc");
	}

	@Test
	void shouldKeepTheOffsetOfARequestByPageNumber() {
		PageRequest numbered = new PageRequest(3, 50);
		assertThat(NEWEST_FIRST.condition(numbered)).isEmpty();
		assertThat(NEWEST_FIRST.limit(numbered)).isEqualTo(" limit :limit offset :offset");
		assertThat(numbered.offset()).isEqualTo(150);
	}

	@Test
	void shouldGiveTheNeighboursOfAPageAsCursors() {
		PageRequest first = new PageRequest(0, 2);
		Page<String> page = Page.of(List.of("a", "b", "c"), first, Cursor::of);
		assertThat(page.items()).containsExactly("a", "b");
		assertThat(page.hasMore()).isTrue();
		assertThat(Cursor.parse(page.next(), "after").text(0)).isEqualTo("b");
		assertThat(page.previous()).as("nothing comes before the first page").isNull();
		assertThat(page.page()).isZero();

		Page<String> before = Page.of(List.of("a", "b", "c"), new PageRequest(0, 2, null, Cursor.of("d")), Cursor::of);
		assertThat(before.items()).as("the extra row read is the one before the page").containsExactly("b", "c");
		assertThat(Cursor.parse(before.previous(), "before").text(0)).isEqualTo("b");
		assertThat(Cursor.parse(before.next(), "after").text(0)).isEqualTo("c");
		assertThat(before.page()).as("a page asked for by cursor has no number").isNull();

		Page<String> start = Page.of(List.of("a"), new PageRequest(0, 2, null, Cursor.of("b")), Cursor::of);
		assertThat(start.previous()).as("the first row reached going back").isNull();
	}

	@Test
	void shouldRefuseATokenNoListGaveAndMixedWaysOfPaging() {
		ApiLimits limits = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("push.api.limits",
				ApiLimits.class);
		assertInvalid(() -> PageRequest.of(null, null, "not base64 !", null, limits), "after is not a position");
		assertInvalid(() -> PageRequest.of(null, null, "a".repeat(Cursor.MAX_LENGTH + 1), null, limits),
				"after is not a position");
		assertInvalid(() -> Cursor.parse(Cursor.of("yesterday", "x").token(), "before").time(0),
				"before is not a position");
		assertInvalid(() -> Cursor.parse(Cursor.of("x").token(), "after").uuid(1), "after is not a position");
		assertInvalid(() -> PageRequest.of(null, null, "YQ", "YQ", limits), "Give one of page, after and before.");
		assertInvalid(() -> PageRequest.of(2, null, "YQ", null, limits), "Give one of page, after and before.");
	}

	private static void assertInvalid(Runnable request, String detail) {
		assertThatThrownBy(request::run).isInstanceOfSatisfying(ApiException.class, (ex) -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
			assertThat(ex.getBody().getDetail()).startsWith(detail);
		});
	}

}
