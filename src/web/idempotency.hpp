#pragma once
// Idempotency-Key on the API's writes (POST /api/v1/cases and case
// actions): a client that retries after a lost answer sends the same key
// and gets the first answer again, with no second effect.
//
// Scope: one key per signed-in user; the same key from another user is
// another key. The key's request is fingerprinted (method, path, body): the
// same key with a different request is 422. Only an answer with an effect
// (2xx) is kept; a refused request (4xx, 5xx) leaves no record, so that the
// corrected request may use the same key. A retry while the first request
// still runs is 409. Answers are kept for k_idempotency_retention_seconds.

#include "web/web.hpp"

namespace sopir::web {

inline constexpr Timestamp k_idempotency_retention_seconds = 24 * 3600;

// `handler`, answering from the store when the request carries an
// Idempotency-Key already seen for its user.
Handler idempotent(WebContext&, Handler handler);

}
