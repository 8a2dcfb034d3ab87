#include "web/idempotency.hpp"

#include "core/sha256.hpp"

#include <algorithm>

namespace sopir::web {

namespace {

    // Printable ASCII, as RFC 9110 field values allow and clients send
    // (UUIDs, random strings), at most 255 characters.
    bool acceptable_key(std::string const& key)
    {
        return key.size() <= 255 && std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    }

    Error coded(Error error, char const* code)
    {
        error.code = code;
        return error;
    }

}

Handler idempotent(WebContext& context, Handler handler)
{
    return [&context, handler = std::move(handler)](Request& request) -> Response {
        std::string const key = request.header("idempotency-key");
        if (key.empty())
            return handler(request);
        if (!acceptable_key(key))
            return json_error(coded(Error::invalid("Idempotency-Key", "Idempotency-Key harus 1–255 karakter ASCII yang tampak.", "idempotency.key"), "idempotency.key"));
        // Without a sign-in the handler answers 401 and nothing is kept.
        auto principal = context.auth.identify(request);
        if (!principal.ok() || !*principal)
            return handler(request);
        Id const user = (*principal)->user.id;
        std::string const fingerprint = sha256_hex(request.method + " " + request.path + "\n" + request.body);
        auto claimed = context.records.claim_idempotency_key(user, key, fingerprint, k_idempotency_retention_seconds);
        if (!claimed.ok())
            return json_error(claimed.error());
        if (*claimed) {
            auto const& first = **claimed;
            if (first.fingerprint != fingerprint)
                return json_error(coded(Error::invalid("Idempotency-Key", "Idempotency-Key ini sudah dipakai untuk permintaan lain.", "idempotency.reused"), "idempotency.reused"));
            if (first.status == 0)
                return json_error(coded(Error::conflict("Permintaan dengan Idempotency-Key ini masih diproses; ulangi sebentar lagi."), "idempotency.in_progress"));
            Response replay = Response::json(first.status, first.body);
            if (!first.location.empty())
                replay.header("Location", first.location);
            replay.header("Idempotent-Replayed", "true");
            return replay;
        }
        Response response = handler(request);
        if (response.status >= 200 && response.status < 300) {
            std::string location;
            for (auto const& [name, value] : response.headers)
                if (name == "Location")
                    location = value;
            (void)context.records.finish_idempotency_key(user, key, response.status, location, response.body);
        } else {
            (void)context.records.release_idempotency_key(user, key);
        }
        return response;
    };
}

}
