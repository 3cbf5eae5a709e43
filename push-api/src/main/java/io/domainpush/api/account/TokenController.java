package io.domainpush.api.account;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.domainpush.api.common.Caller;
import io.domainpush.api.web.Page;
import io.domainpush.core.rules.PlainText;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/companies/{companyId}/tokens")
class TokenController {

	private final ApiTokens tokens;

	TokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	ResponseEntity<ApiTokens.CreatedToken> create(Caller caller, @PathVariable long companyId,
			@Valid @RequestBody CreateToken request) {
		return ResponseEntity.status(201).body(tokens.create(caller, companyId, request.label()));
	}

	@GetMapping
	Page<TokenView> list(Caller caller, @PathVariable long companyId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return tokens.list(caller, companyId, page, size);
	}

	@DeleteMapping("/{tokenId}")
	ResponseEntity<Void> revoke(Caller caller, @PathVariable long companyId, @PathVariable UUID tokenId) {
		tokens.revoke(caller, companyId, tokenId);
		return ResponseEntity.noContent().build();
	}

	record CreateToken(
			@NotBlank @Size(max = 100) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String label) {
	}

}
