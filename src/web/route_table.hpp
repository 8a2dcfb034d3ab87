#pragma once
// A route group as a table: each route's method, path pattern and the named
// function that answers it, registered in one loop. A group's handlers take
// the group's own parts (the WebContext, or a struct holding it with the
// group's views and limiters) and the request.

#include "web/idempotency.hpp"
#include "web/web.hpp"

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace sopir::web {

enum class Replay {
    No,
    // Wrapped in idempotent(): an Idempotency-Key gets the first answer
    // again (the JSON API's writes).
    OnIdempotencyKey,
};

template<typename Group>
struct RouteEntry {
    char const* method;
    char const* pattern;
    Response (*handler)(Group&, Request&);
    Replay replay = Replay::No;
};

namespace detail {

    template<typename Group>
    WebContext& context_of(Group& group)
    {
        if constexpr (std::is_same_v<Group, WebContext>)
            return group;
        else
            return group.context;
    }

}

// Registers every route of `table`, answering with `group`, which the
// routes keep alive.
template<typename Group, std::size_t N>
void add_routes(Router& router, std::shared_ptr<Group> const& group, RouteEntry<Group> const (&table)[N])
{
    for (auto const& route : table) {
        Handler handler = [group, answer = route.handler](Request& request) { return answer(*group, request); };
        if (route.replay == Replay::OnIdempotencyKey)
            handler = idempotent(detail::context_of(*group), std::move(handler));
        router.add(route.method, route.pattern, std::move(handler));
    }
}

// The same for a group that outlives the router (the WebContext itself).
template<typename Group, std::size_t N>
void add_routes(Router& router, Group& group, RouteEntry<Group> const (&table)[N])
{
    // Aliasing an empty shared_ptr: points at `group`, owns nothing.
    add_routes(router, std::shared_ptr<Group>(std::shared_ptr<Group>(), &group), table);
}

}
